import { dossierStreamId, inspectionCaseId, inspectionCaseStreamId } from '@ketnap/domain';
import { MemoryEventStore } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../runner/projection-database';
import { describeWithService } from '../../../../test/support/services';
import { dumpActive, testColumnCipher, testProjectionDatabase } from '../testing/read-model-testing';
import { rebuildProjection } from '../runner/projection-runner';
import { InspectionCasesBoard } from './inspection-cases.board';
import { inspectionCasesProjection } from './inspection-cases.projection';

const DOSSIER = '00000000-0000-4000-8000-00000000000a';
const facts = (dueOn: string) => ({
  caseId: inspectionCaseId(DOSSIER, 'admission-ceremony', dueOn),
  dossierId: DOSSIER,
  branchId: 'chi-bo-lang-gia',
  obligation: 'admission-ceremony',
  dueOn,
  breachedOn: '2024-07-19',
  workingDaysLate: 3,
  // As schema version 1 stored it (the events here are appended without a version: 1).
  explanation: 'Admission ceremony …',
});

function inspectionCasesSpecs(postgresUrl?: string): void {
  let store: MemoryEventStore;
  let pdb: ProjectionDatabase;
  let drop: () => Promise<void>;
  const cipher = testColumnCipher();
  const board = () => new InspectionCasesBoard(pdb, cipher);
  const append = (dueOn: string, type: string, data: object) =>
    store.append(inspectionCaseStreamId(inspectionCaseId(DOSSIER, 'admission-ceremony', dueOn)), [{ type, data }], {
      expectedVersion: 'any',
    });
  const catchUp = () => rebuildProjection(store, pdb, inspectionCasesProjection(cipher));

  beforeEach(async () => {
    store = new MemoryEventStore();
    ({ pdb, drop } = await testProjectionDatabase({ postgresUrl }));
  });
  afterEach(() => drop());

  it('follows a case from opening to closing, and lists cases by status in the order they were opened', async () => {
    await append('2024-07-18', 'InspectionCaseOpened', facts('2024-07-18'));
    await append('2024-08-01', 'InspectionCaseOpened', facts('2024-08-01'));
    await append('2024-07-18', 'InspectionCaseAcknowledged', { note: 'Đang xác minh' });
    await catchUp();
    expect((await board().list({ limit: 10 })).map((c) => [c.dueOn, c.status, c.version])).toEqual([
      ['2024-07-18', 'acknowledged', 2],
      ['2024-08-01', 'open', 1],
    ]);
    expect((await board().list({ status: 'open', limit: 10 })).map((c) => c.dueOn)).toEqual(['2024-08-01']);
    const first = (await board().list({ limit: 1 }))[0];
    expect((await board().list({ limit: 10, afterPosition: first.openedPosition })).map((c) => c.dueOn)).toEqual([
      '2024-08-01',
    ]);

    await append('2024-07-18', 'InspectionCaseClosed', { finding: 'Chậm 3 ngày', resolution: 'Nhắc nhở chi bộ' });
    await append('2024-08-01', 'InspectionCaseWithdrawn', { reason: 'the ceremony was held on time' });
    await catchUp();
    expect(await board().get(facts('2024-07-18').caseId)).toMatchObject({
      status: 'closed',
      note: 'Đang xác minh',
      finding: 'Chậm 3 ngày',
      resolution: 'Nhắc nhở chi bộ',
      closedAt: expect.any(String),
    });
    expect(await board().get(facts('2024-08-01').caseId)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'the ceremony was held on time',
      version: 2,
    });
    expect(await board().get('nope')).toBeUndefined();
  });

  it("seals an inspector's texts, empties them when the dossier's personal data is erased, and rebuilds the same", async () => {
    await append('2024-07-18', 'InspectionCaseOpened', facts('2024-07-18'));
    await append('2024-07-18', 'InspectionCaseAcknowledged', { note: 'Đã gặp Nguyễn Thị Hồng Nhung' });
    await append('2024-07-18', 'InspectionCaseClosed', { finding: 'Chi bộ chậm', resolution: 'Nhắc nhở bà Nhung' });
    await catchUp();
    const rows = JSON.stringify(await dumpActive(pdb, ['inspection-cases']));
    expect(rows).not.toMatch(/Nhung|Chi bộ chậm/);
    expect(rows).toContain('kc1.');
    expect(await board().get(facts('2024-07-18').caseId)).toMatchObject({ note: 'Đã gặp Nguyễn Thị Hồng Nhung' });
    const live = await dumpActive(pdb, ['inspection-cases']);
    await catchUp();
    expect(await dumpActive(pdb, ['inspection-cases'])).toEqual(live);

    await store.append(
      dossierStreamId(DOSSIER),
      [{ type: 'PersonalDataErased', data: { reason: 'r', legalBasis: 'b', erasedOn: '2024-09-01' } }],
      { expectedVersion: 'any' },
    );
    await catchUp();
    const erased = await board().get(facts('2024-07-18').caseId);
    expect(erased).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(erased).not.toHaveProperty('note');
    expect(erased).not.toHaveProperty('finding');
    expect(erased).not.toHaveProperty('resolution');
  });

  it('keeps the explanation as its catalogue messages, and one stored as text (version 1) as that text', async () => {
    const explanation = [{ key: 'explain.status-breached', params: { breachedOn: '2024-07-19', days: 3 } }];
    await append('2024-07-18', 'InspectionCaseOpened', facts('2024-07-18'));
    await store.append(
      inspectionCaseStreamId(facts('2024-08-01').caseId),
      [{ type: 'InspectionCaseOpened', schemaVersion: 2, data: { ...facts('2024-08-01'), explanation } }],
      { expectedVersion: 'any' },
    );
    await catchUp();
    expect((await board().get(facts('2024-07-18').caseId))?.explanation).toEqual([
      { key: 'explain.recorded', params: { text: 'Admission ceremony …' } },
    ]);
    expect((await board().get(facts('2024-08-01').caseId))?.explanation).toEqual(explanation);
  });
}

describe('the inspection cases read model on SQLite', () => inspectionCasesSpecs());

describeWithService('postgres', 'the inspection cases read model on PostgreSQL', (url) => inspectionCasesSpecs(url));
