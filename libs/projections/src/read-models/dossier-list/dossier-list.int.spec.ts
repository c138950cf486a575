import type { DossierCommand, RecordedDossierEvent } from '@ketnap/domain';
import { ColumnCipher, PersonalDataError } from '@ketnap/event-store';
import { command, history } from '@ketnap/domain/testing';
import { describeWithService } from '../../../../../test/support/services';
import { dumpActive, envelopesOf, projectionInMemory, testColumnCipher } from '../../testing/read-model-testing';
import { DOSSIER_LIST, dossierListProjection } from './dossier-list.projection';
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
const ERASE = {
  type: 'ErasePersonalData',
  data: { reason: 'yêu cầu xóa của đương sự', legalBasis: 'Luật Bảo vệ dữ liệu cá nhân 2025, Điều 16' },
} as DossierCommand;

/** Events as the store reads them back once the dossier's key is destroyed: every personal part null. */
const readAfterErasure = (events: RecordedDossierEvent[]) =>
  events.map((e) => ('personal' in e.data ? { ...e, data: { ...e.data, personal: null, personalErased: true } } : e));

const nominate = (fullName: string, branchId: string, nominatedOn: string, nominatedBy = 'doan-thanh-nien') =>
  command('NominateCandidate', {
    candidate: { ...command('NominateCandidate').data.candidate, fullName },
    branchId,
    nominatedOn,
    nominatedBy,
  });

function dossierListSpecs(postgresUrl?: string): void {
  const cipher = testColumnCipher();
  let model: Awaited<ReturnType<typeof projectionInMemory>>;
  let position = 0;
  const record = async (dossierId: string, commands: DossierCommand[]) => {
    const events = envelopesOf(`dossier-${dossierId}`, history(commands).events, { position, version: 0 });
    position += events.length;
    await model.apply(events);
  };
  const list = async (filter: Partial<DossierListFilter> = {}) =>
    listDossiers(model.pdb, cipher, { today: '2025-12-31', limit: 50, ...filter });

  beforeEach(async () => {
    model = await projectionInMemory(dossierListProjection(cipher), { postgresUrl });
    position = 0;
  });
  afterEach(() => model.drop());

  it('keeps one row per dossier: stage, dates and version as the events leave them', async () => {
    await record(
      'd1',
      THROUGH_CEREMONY.map((t) => command(t)),
    );
    expect((await list({ today: '2024-07-01' })).items).toEqual([
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
    expect((await list({ today: '2025-06-11' })).items[0].stage).toBe('recognition-review');
    expect((await list({ today: '2025-06-11', stage: 'recognition-review' })).items).toHaveLength(1);
    expect((await list({ today: '2025-06-10', stage: 'recognition-review' })).items).toHaveLength(0);
  });

  it('applies corrections: nomination fields, the name and a last step date moved earlier', async () => {
    const base = THROUGH_CEREMONY.slice(0, 5).map((t) => command(t) as DossierCommand);
    const fix = (eventId: string, changes: Record<string, unknown>) =>
      ({ type: 'CorrectStep', data: { eventId, changes, reason: 'nhập sai' } }) as DossierCommand;
    await record('d1', [
      ...base,
      fix('e1', { branchId: 'chi-bo-lang-gia', nominatedOn: '2023-09-01', 'candidate.fullName': 'Đào Thị Hoa' }),
      fix('e5', { completedOn: '2023-11-20' }),
    ]);
    expect((await list()).items[0]).toMatchObject({
      branchId: 'chi-bo-lang-gia',
      nominatedOn: '2023-09-01',
      candidate: { fullName: 'Đào Thị Hoa' },
      lastStepOn: '2023-11-20',
      version: 7,
    });
    expect((await list({ q: 'dao thi' })).items).toHaveLength(1);
    expect((await list({ q: 'nguyen' })).items).toHaveLength(0);
  });

  it('finds names whatever their diacritics, by word prefixes', async () => {
    await record('d1', [nominate('Nguyễn Thị Đào', 'b1', '2024-01-10')]);
    await record('d2', [nominate('Nguyễn Văn Thịnh', 'b1', '2024-01-11')]);
    await record('d3', [nominate('Lương Thị Nguyệt', 'b2', '2024-01-12')]);
    const names = async (q: string) => (await list({ q })).items.map((i) => i.candidate.fullName);
    expect(await names('nguyen thi')).toEqual(['Nguyễn Văn Thịnh', 'Nguyễn Thị Đào']);
    expect(await names('thi nguyet')).toEqual(['Lương Thị Nguyệt']);
    expect(await names('nguyen thi dao')).toEqual(['Nguyễn Thị Đào']);
    expect(await names('ĐÀO')).toEqual(['Nguyễn Thị Đào']);
    expect(await names('ao')).toEqual([]);
  });

  it('stores the name sealed and its search tokens: the raw rows show nothing of it, folded or not', async () => {
    await record('d1', [nominate('Nguyễn Thị Đào', 'b1', '2024-01-10')]);
    await record('d2', [nominate('Nguyễn Thị Đào', 'b1', '2024-01-11')]);
    const rows = await model.pdb.sql.all<{ dossier_id: string; full_name: string; search_key: string }>(
      `SELECT * FROM ${(await model.pdb.tables(DOSSIER_LIST))('dossiers')} ORDER BY dossier_id`,
    );
    const raw = JSON.stringify(rows);
    for (const plain of ['Nguyễn', 'Đào', 'nguyen', 'dao', ' thi'])
      expect([plain, raw.includes(plain)]).toEqual([plain, false]);
    expect(rows.map((r) => r.full_name)).toEqual([expect.stringMatching(/^kc1\./), expect.stringMatching(/^kc1\./)]);
    // The same name in two dossiers: two texts, one search index.
    expect(rows[0].full_name).not.toBe(rows[1].full_name);
    expect(rows[0].search_key).toBe(rows[1].search_key);
    expect(rows[0].search_key).toMatch(/^( [0-9a-f]{12})+ $/);
    expect((await list({ q: 'đào' })).items.map((i) => i.candidate.fullName)).toEqual([
      'Nguyễn Thị Đào',
      'Nguyễn Thị Đào',
    ]);
  });

  it('reads nothing with another key: a sealed name does not open, and a search finds nothing', async () => {
    await record('d1', [nominate('Nguyễn Thị Đào', 'b1', '2024-01-10')]);
    const other = new ColumnCipher(Buffer.alloc(32, 'another key'));
    await expect(listDossiers(model.pdb, other, { today: '2025-12-31', limit: 50 })).rejects.toThrow(PersonalDataError);
    expect((await listDossiers(model.pdb, other, { today: '2025-12-31', limit: 50, q: 'dao' })).items).toEqual([]);
  });

  it('forgets the name once erased: null in the list, found by no search; the events read back after it rebuild the same row', async () => {
    const fix = {
      type: 'CorrectStep',
      data: { eventId: 'e1', changes: { 'candidate.fullName': 'Đào Thị Hoa' }, reason: 'nhập sai' },
    } as DossierCommand;
    const { events } = history([...THROUGH_CEREMONY.slice(0, 3).map((t) => command(t) as DossierCommand), fix, ERASE]);
    await model.apply(envelopesOf('dossier-d1', events));
    position = events.length;
    await record('d2', [nominate('Đào Văn Hòa', 'b1', '2024-01-10')]);
    const rows = await model.pdb.sql.all<{ dossier_id: string; full_name: string | null; search_key: string }>(
      `SELECT dossier_id, full_name, search_key FROM ${(await model.pdb.tables(DOSSIER_LIST))('dossiers')} ORDER BY dossier_id`,
    );
    expect(rows[0]).toEqual({ dossier_id: 'd1', full_name: null, search_key: '' });
    expect((await list()).items.map((i) => [i.id, i.candidate.fullName, i.version])).toEqual([
      ['d2', 'Đào Văn Hòa', 1],
      ['d1', null, 5],
    ]);
    expect((await list({ q: 'dao' })).items.map((i) => i.id)).toEqual(['d2']);
    expect((await list({ q: 'hoa' })).items.map((i) => i.id)).toEqual(['d2']);

    const rebuilt = await projectionInMemory(dossierListProjection(cipher), { postgresUrl });
    try {
      await rebuilt.apply(envelopesOf('dossier-d1', readAfterErasure(events)));
      await rebuilt.apply(
        envelopesOf('dossier-d2', history([nominate('Đào Văn Hòa', 'b1', '2024-01-10')]).events, {
          position: events.length,
          version: 0,
        }),
      );
      expect(await dumpActive(rebuilt.pdb, [DOSSIER_LIST])).toEqual(await dumpActive(model.pdb, [DOSSIER_LIST]));
    } finally {
      await rebuilt.drop();
    }
  });

  it('filters by branch, scope and nominating unit, and pages with a keyset cursor', async () => {
    const branch = (i: number) => (i % 2 ? 'b1' : 'b2');
    for (let i = 1; i <= 5; i += 1)
      await record(`d${i}`, [
        nominate(`Hoàng Văn ${i}`, branch(i), `2024-02-0${i}`, i === 5 ? 'hoi-phu-nu' : branch(i)),
      ]);
    expect((await list({ branchId: 'b2' })).items.map((i) => i.id)).toEqual(['d4', 'd2']);
    expect((await list({ branchIds: ['b2', 'b9'] })).items.map((i) => i.id)).toEqual(['d4', 'd2']);
    expect((await list({ nominatedBy: ['hoi-phu-nu'] })).items.map((i) => i.id)).toEqual(['d5']);
    const first = await list({ limit: 2 });
    const second = await list({ limit: 2, cursor: first.nextCursor! });
    const third = await list({ limit: 2, cursor: second.nextCursor! });
    expect([first, second, third].map((p) => p.items.map((i) => i.id))).toEqual([['d5', 'd4'], ['d3', 'd2'], ['d1']]);
    expect(third.nextCursor).toBeNull();
    await expect(list({ cursor: 'bm9wZQ' })).rejects.toThrow('the cursor is not one this list handed out');
  });
}

describe('dossier-list read model on SQLite', () => dossierListSpecs());

describeWithService('postgres', 'dossier-list read model on PostgreSQL', (url) => dossierListSpecs(url));
