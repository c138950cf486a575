import { startOfLegalDate } from '@ketnap/domain';
import { MemoryEventStore } from '@ketnap/event-store';
import { dossierListProjection } from '@ketnap/projections';
import { envelopesOf, projectionInMemory, testColumnCipher } from '@ketnap/projections/testing';
import { ManualClock } from '../clock/clock';
import { RecordUnitCommand } from '../units/record-unit.command';
import { RecordUnitHandler } from '../units/record-unit.handler';
import { UnitsReader } from '../units/units.reader';
import { DossierListService } from './dossier-list.service';
import { describeWithService } from '../../../../test/support/services';

const nominated = (id: string, branchId: string, nominatedOn: string, position: number) =>
  envelopesOf(
    `dossier-${id}`,
    [
      {
        type: 'CandidateNominated',
        data: {
          branchId,
          nominatedBy: branchId,
          nominatedOn,
          personal: {
            fullName: `Ứng viên ${id}`,
            birthDate: '1995-01-01',
            gender: 'female',
            ethnicity: 'Tày',
            educationLevel: 'college',
          },
        },
      },
    ],
    { position, version: 0 },
  );

function dossierListServiceSpecs(postgresUrl?: string): void {
  const store = new MemoryEventStore();
  let model: Awaited<ReturnType<typeof projectionInMemory>>;
  const clock = new ManualClock(startOfLegalDate('2025-01-15'));
  const office = { role: 'office', unitIds: ['xa-a'] };
  const units = new UnitsReader(store);
  const cipher = testColumnCipher();

  beforeAll(async () => {
    model = await projectionInMemory(dossierListProjection(cipher), { postgresUrl });
    const record = new RecordUnitHandler(store);
    const context = { actor: { sub: 'admin', role: 'admin', unitIds: [] }, correlationId: 'c' };
    for (const unit of [
      { unitId: 'xa-a', name: 'Xã A', kind: 'party-committee' as const },
      { unitId: 'xa-b', name: 'Xã B', kind: 'party-committee' as const },
      { unitId: 'thon-a1', name: 'Thôn A1', kind: 'branch' as const, parentId: 'xa-a' },
      { unitId: 'thon-b1', name: 'Thôn B1', kind: 'branch' as const, parentId: 'xa-b' },
    ]) {
      await record.execute(new RecordUnitCommand(unit, context));
    }
    await model.apply([
      ...nominated('a', 'thon-a1', '2024-01-02', 0),
      ...nominated('b', 'thon-b1', '2024-01-03', 1),
      ...nominated('c', 'thon-a1', '2024-01-04', 2),
    ]);
  });
  afterAll(() => model.drop());

  const ids = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);

  it('narrows an office token naming its committee to the branches under it; one naming none sees nothing', async () => {
    const service = new DossierListService(model.pdb, cipher, units, clock);
    expect(ids(await service.list(office, { limit: 50 }))).toEqual(['c', 'a']);
    expect(ids(await service.list({ ...office, unitIds: [] }, { limit: 50 }))).toEqual([]);
    expect(ids(await service.list({ role: 'standing-committee', unitIds: [] }, { limit: 50 }))).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('filters on the overdue dossiers the deadlines board names, and refuses the filter without a board', async () => {
    const overdue = { overdueDossierIds: (today: string) => (today === '2025-01-15' ? ['a', 'b'] : []) };
    expect(
      ids(
        await new DossierListService(model.pdb, cipher, units, clock, overdue).list(office, {
          limit: 50,
          overdue: true,
        }),
      ),
    ).toEqual(['a']);
    await expect(
      new DossierListService(model.pdb, cipher, units, clock).list(office, { limit: 50, overdue: true }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'FILTER_UNAVAILABLE' });
    await expect(
      new DossierListService(model.pdb, cipher, units, clock).list(office, { limit: 50, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ kind: 'invalid', code: 'VALIDATION_FAILED' });
  });
}

describe('DossierListService on SQLite', () => dossierListServiceSpecs());

describeWithService('postgres', 'DossierListService on PostgreSQL', (url) => dossierListServiceSpecs(url));
