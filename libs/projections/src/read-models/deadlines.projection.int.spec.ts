import { NOTIFICATIONS_STREAM } from '@ketnap/domain';
import { MemoryEventStore } from '@ketnap/event-store';
import { calendar, eventsThrough, type MainStep, type Overrides } from '@ketnap/domain/testing';
import type { ProjectionDatabase } from '../runner/projection-database';
import { describeWithService } from '../../../../test/support/services';
import { dumpGeneration, testProjectionDatabase } from '../testing/read-model-testing';
import { rebuildProjection } from '../runner/projection-runner';
import { DeadlinesBoard, reminderId } from './deadlines.board';
import { DEADLINES_PROJECTION, deadlinesProjection } from './deadlines.projection';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

function deadlinesBoardSpecs(postgresUrl?: string): void {
  let store: MemoryEventStore;
  let pdb: ProjectionDatabase;
  let drop: () => Promise<void>;
  let board: DeadlinesBoard;
  const projection = deadlinesProjection({ calendar, reminderDays: [10, 3] });

  const append = async (dossierId: string, last: MainStep, overrides: Overrides = {}) => {
    const events = eventsThrough(last, overrides).map(({ type, data }) => ({ type, data }));
    await store.append(`dossier-${dossierId}`, events, { expectedVersion: 'no-stream' });
  };
  const catchUp = () => rebuildProjection(store, pdb, projection, { batchSize: 5 });

  beforeEach(async () => {
    store = new MemoryEventStore();
    ({ pdb, drop } = await testProjectionDatabase({ postgresUrl }));
    board = new DeadlinesBoard(pdb, calendar);
  });
  afterEach(() => drop());

  it('shows each obligation with its due date and skipped days, judged on today', async () => {
    await append(A, 'RecordBranchResolution');
    await catchUp();
    const before = (await board.list({ limit: 50 }, '2024-05-01')).find((d) => d.obligation === 'admission-decision');
    expect(before).toMatchObject({
      dossierId: A,
      branchId: 'chi-bo-thon-dong-lac',
      startedOn: '2024-03-07',
      dueOn: '2024-06-04',
      status: 'open',
    });
    expect(before?.skippedDays).toEqual(
      expect.arrayContaining(['2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01']),
    );
    expect((await board.list({ status: 'open', limit: 50 }, '2024-06-04')).map((d) => d.obligation)).toEqual([
      'admission-decision',
    ]);
    expect(await board.list({ status: 'breached', limit: 50 }, '2024-06-05')).toEqual([
      expect.objectContaining({ obligation: 'admission-decision', breachedOn: '2024-06-05', workingDaysLate: 1 }),
    ]);
    expect(await board.list({ status: 'breached', limit: 50 }, '2024-06-04')).toEqual([]);
    expect(await board.overdueDossierIds('2024-06-04')).toEqual([]);
    expect(await board.overdueDossierIds('2024-06-05')).toEqual([A]);
  });

  it('gives the sweep what is due on the day after the due date, and what to re-arm until then', async () => {
    await append(A, 'RecordBranchResolution');
    await append(B, 'RecordAdmissionDecision', {
      RecordAdmissionDecision: { decidedOn: '2024-06-06', receivedOn: undefined },
    });
    await catchUp();
    expect(await board.dueForEscalation('2024-06-04')).toEqual([
      { dossierId: B, obligation: 'admission-decision', dueOn: '2024-06-04' },
    ]);
    expect(await board.openNotDue('2024-06-04', 10)).toEqual([
      { dossierId: A, obligation: 'admission-decision', dueOn: '2024-06-04' },
      { dossierId: B, obligation: 'admission-ceremony', dueOn: '2024-07-18' },
    ]);
    expect(
      await board.openNotDue('2024-06-04', 1, { dossierId: A, obligation: 'admission-decision', dueOn: '2024-06-04' }),
    ).toHaveLength(1);
    expect(await board.countOpenNotDue('2024-06-05')).toBe(1);
    expect((await board.dueForEscalation('2024-06-05')).map((k) => k.dossierId)).toEqual([A, B]);

    const breach = {
      obligation: 'admission-decision',
      dueOn: '2024-06-04',
      breachedOn: '2024-06-05',
      workingDaysLate: 2,
      ruleSet: 'qd24-2021',
    };
    await store.append(`dossier-${B}`, [{ type: 'DeadlineBreached', data: breach }], { expectedVersion: 'any' });
    await catchUp();
    expect((await board.dueForEscalation('2024-06-05')).map((k) => k.dossierId)).toEqual([A]);
  });

  it('reminds once per obligation, on the latest reminder date reached, until the reminder is sent', async () => {
    await append(A, 'RecordBranchResolution');
    await catchUp();
    expect(await board.remindersDue('2024-05-20')).toEqual([]);
    const first = {
      dossierId: A,
      obligation: 'admission-decision' as const,
      dueOn: '2024-06-04',
      remindOn: '2024-05-21',
      branchId: 'chi-bo-thon-dong-lac',
    };
    expect(await board.remindersDue('2024-05-22')).toEqual([first]);
    expect(await board.remindersDue('2024-05-31')).toEqual([{ ...first, remindOn: '2024-05-30' }]);
    await store.append(NOTIFICATIONS_STREAM, [{ type: 'ReminderSent', data: { id: reminderId(first) } }], {
      expectedVersion: 'any',
    });
    await catchUp();
    expect(await board.remindersDue('2024-05-22')).toEqual([]);
    expect(await board.remindersDue('2024-06-05')).toEqual([]);
  });

  it('keeps no personal data of the candidate', async () => {
    await append(A, 'RecordBranchResolution');
    await catchUp();
    const dump = JSON.stringify(
      await dumpGeneration(pdb, DEADLINES_PROJECTION, (await pdb.active(DEADLINES_PROJECTION))!.generation),
    );
    expect(dump).toContain('2024-03-07');
    expect(dump).not.toContain('Nguyễn Thị An');
    expect(dump).not.toContain('1996-05-10');
  });
}

describe('the deadlines board on SQLite', () => deadlinesBoardSpecs());

describeWithService('postgres', 'the deadlines board on PostgreSQL', (url) => deadlinesBoardSpecs(url));
