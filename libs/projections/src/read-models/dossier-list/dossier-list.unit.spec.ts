import type { DossierCommand } from '@ketnap/domain';
import { command, history } from '@ketnap/domain/testing';
import { envelopesOf, projectionInMemory } from '../../testing/read-model-testing';
import { dossierListProjection } from './dossier-list.projection';
import { listDossiers, type DossierListFilter } from './dossier-list.query';

const THROUGH_CEREMONY = [
  'NominateCandidate',
  'AssignHelpers',
  'RecordTraining',
  'SubmitApplication',
  'RecordBackgroundVerification',
  'RecordIntroducers',
  'CollectOpinions',
  'RecordBranchResolution',
  'RecordCommitteeResolution',
  'RecordAdmissionDecision',
  'HoldCeremony',
] as const;
const nominate = (fullName: string, branchId: string, nominatedOn: string, nominatedBy = 'doan-thanh-nien') =>
  command('NominateCandidate', {
    candidate: { ...command('NominateCandidate').data.candidate, fullName },
    branchId,
    nominatedOn,
    nominatedBy,
  });

describe('dossier-list read model', () => {
  let model: ReturnType<typeof projectionInMemory>;
  let position = 0;
  const record = (dossierId: string, commands: DossierCommand[]) => {
    const events = envelopesOf(`dossier-${dossierId}`, history(commands).events, { position, version: 0 });
    position += events.length;
    model.apply(events);
  };
  const list = (filter: Partial<DossierListFilter> = {}) =>
    listDossiers(model.pdb, { today: '2025-12-31', limit: 50, ...filter });

  beforeEach(() => {
    model = projectionInMemory(dossierListProjection());
    position = 0;
  });
  afterEach(() => model.pdb.close());

  it('keeps one row per dossier: stage, dates and version as the events leave them', () => {
    record(
      'd1',
      THROUGH_CEREMONY.map((t) => command(t)),
    );
    expect(list({ today: '2024-07-01' }).items).toEqual([
      {
        id: 'd1',
        branchId: 'chi-bo-thon-dong-lac',
        nominatedBy: 'doan-thanh-nien',
        stage: 'probation',
        candidate: { fullName: 'Nguyễn Thị An' },
        nominatedOn: '2023-09-05',
        lastStepOn: '2024-06-10',
        decidedOn: '2024-05-15',
        version: 11,
        position: 11,
      },
    ]);
    expect(list({ today: '2025-06-11' }).items[0].stage).toBe('recognition-review');
    expect(list({ today: '2025-06-11', stage: 'recognition-review' }).items).toHaveLength(1);
    expect(list({ today: '2025-06-10', stage: 'recognition-review' }).items).toHaveLength(0);
  });

  it('applies corrections: nomination fields, the name and a last step date moved earlier', () => {
    const base = THROUGH_CEREMONY.slice(0, 5).map((t) => command(t) as DossierCommand);
    const fix = (eventId: string, changes: Record<string, unknown>) =>
      ({ type: 'CorrectStep', data: { eventId, changes, reason: 'nhập sai' } }) as DossierCommand;
    record('d1', [
      ...base,
      fix('e1', { branchId: 'chi-bo-lang-gia', nominatedOn: '2023-09-01', 'candidate.fullName': 'Đào Thị Hoa' }),
      fix('e5', { completedOn: '2023-11-20' }),
    ]);
    expect(list().items[0]).toMatchObject({
      branchId: 'chi-bo-lang-gia',
      nominatedOn: '2023-09-01',
      candidate: { fullName: 'Đào Thị Hoa' },
      lastStepOn: '2023-11-20',
      version: 7,
    });
    expect(list({ q: 'dao thi' }).items).toHaveLength(1);
    expect(list({ q: 'nguyen' }).items).toHaveLength(0);
  });

  it('finds names whatever their diacritics, by word prefixes', () => {
    record('d1', [nominate('Nguyễn Thị Đào', 'b1', '2024-01-10')]);
    record('d2', [nominate('Nguyễn Văn Thịnh', 'b1', '2024-01-11')]);
    record('d3', [nominate('Lương Thị Nguyệt', 'b2', '2024-01-12')]);
    const names = (q: string) => list({ q }).items.map((i) => i.candidate.fullName);
    expect(names('nguyen thi')).toEqual(['Nguyễn Văn Thịnh', 'Nguyễn Thị Đào']);
    expect(names('thi nguyet')).toEqual(['Lương Thị Nguyệt']);
    expect(names('nguyen thi dao')).toEqual(['Nguyễn Thị Đào']);
    expect(names('ĐÀO')).toEqual(['Nguyễn Thị Đào']);
    expect(names('ao')).toEqual([]);
  });

  it('filters by branch, scope and nominating unit, and pages with a keyset cursor', () => {
    const branch = (i: number) => (i % 2 ? 'b1' : 'b2');
    for (let i = 1; i <= 5; i += 1)
      record(`d${i}`, [nominate(`Hoàng Văn ${i}`, branch(i), `2024-02-0${i}`, i === 5 ? 'hoi-phu-nu' : branch(i))]);
    expect(list({ branchId: 'b2' }).items.map((i) => i.id)).toEqual(['d4', 'd2']);
    expect(list({ branchIds: ['b2', 'b9'] }).items.map((i) => i.id)).toEqual(['d4', 'd2']);
    expect(list({ nominatedBy: ['hoi-phu-nu'] }).items.map((i) => i.id)).toEqual(['d5']);
    const first = list({ limit: 2 });
    const second = list({ limit: 2, cursor: first.nextCursor! });
    const third = list({ limit: 2, cursor: second.nextCursor! });
    expect([first, second, third].map((p) => p.items.map((i) => i.id))).toEqual([['d5', 'd4'], ['d3', 'd2'], ['d1']]);
    expect(third.nextCursor).toBeNull();
    expect(() => list({ cursor: 'bm9wZQ' })).toThrow('the cursor is not one this list handed out');
  });
});
