import { inspectionCaseId, inspectionCaseStreamId } from '@ketnap/domain';
import { MemoryEventStore } from '@ketnap/event-store';
import { ProjectionDatabase } from '../sqlite/projection-database';
import { rebuildProjection } from '../sqlite/projection-runner';
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
  explanation: 'Admission ceremony …',
});

describe('the inspection cases read model', () => {
  let store: MemoryEventStore;
  let pdb: ProjectionDatabase;
  const board = () => new InspectionCasesBoard(pdb);
  const append = (dueOn: string, type: string, data: object) =>
    store.append(inspectionCaseStreamId(inspectionCaseId(DOSSIER, 'admission-ceremony', dueOn)), [{ type, data }], {
      expectedVersion: 'any',
    });
  const catchUp = () => rebuildProjection(store, pdb, inspectionCasesProjection());

  beforeEach(() => {
    store = new MemoryEventStore();
    pdb = new ProjectionDatabase(':memory:');
  });
  afterEach(() => pdb.close());

  it('follows a case from opening to closing, and lists cases by status in the order they were opened', async () => {
    await append('2024-07-18', 'InspectionCaseOpened', facts('2024-07-18'));
    await append('2024-08-01', 'InspectionCaseOpened', facts('2024-08-01'));
    await append('2024-07-18', 'InspectionCaseAcknowledged', { note: 'Đang xác minh' });
    await catchUp();
    expect(
      board()
        .list({ limit: 10 })
        .map((c) => [c.dueOn, c.status, c.version]),
    ).toEqual([
      ['2024-07-18', 'acknowledged', 2],
      ['2024-08-01', 'open', 1],
    ]);
    expect(
      board()
        .list({ status: 'open', limit: 10 })
        .map((c) => c.dueOn),
    ).toEqual(['2024-08-01']);
    const first = board().list({ limit: 1 })[0];
    expect(
      board()
        .list({ limit: 10, afterPosition: first.openedPosition })
        .map((c) => c.dueOn),
    ).toEqual(['2024-08-01']);

    await append('2024-07-18', 'InspectionCaseClosed', { finding: 'Chậm 3 ngày', resolution: 'Nhắc nhở chi bộ' });
    await append('2024-08-01', 'InspectionCaseWithdrawn', { reason: 'the ceremony was held on time' });
    await catchUp();
    expect(board().get(facts('2024-07-18').caseId)).toMatchObject({
      status: 'closed',
      note: 'Đang xác minh',
      finding: 'Chậm 3 ngày',
      resolution: 'Nhắc nhở chi bộ',
      closedAt: expect.any(String),
    });
    expect(board().get(facts('2024-08-01').caseId)).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'the ceremony was held on time',
      version: 2,
    });
    expect(board().get('nope')).toBeUndefined();
  });
});
