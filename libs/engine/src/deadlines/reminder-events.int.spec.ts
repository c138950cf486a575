import { NOTIFICATIONS_STREAM, decodeEvent, dossierStreamId } from '@ketnap/domain';
import type { SqliteEventStore } from '@ketnap/event-store';
import {
  DeadlinesBoard,
  ProjectionRunner,
  deadlinesProjection,
  rebuildProjection,
  reminderId,
  type ProjectionDatabase,
} from '@ketnap/projections';
import { LogNotificationSender } from '@ketnap/scheduling';
import { calendar, eventsThrough } from '@ketnap/domain/testing';
import { tempLogAndProjections } from '@ketnap/projections/testing';
import { ReminderService } from './reminder.service';

const DOSSIER = '00000000-0000-4000-8000-00000000000a';
/** The admission-decision reminder ten working days before its due date (DOMAIN.md §3 worked example). */
const FIRST = {
  dossierId: DOSSIER,
  obligation: 'admission-decision' as const,
  dueOn: '2024-06-04',
  remindOn: '2024-05-21',
  branchId: 'chi-bo-thon-dong-lac',
};
const ID = reminderId(FIRST);
const META = { actor: { sub: 'ketnap-deadline-saga', role: 'system', unitIds: [] }, occurredOn: FIRST.remindOn };

/** The reminder as release 1 recorded it: schema version 1 (the store's default), its id under `id`. */
const RELEASE_1 = [
  {
    type: 'ReminderScheduled',
    data: {
      id: ID,
      dossierId: DOSSIER,
      obligation: 'admission-decision',
      dueOn: FIRST.dueOn,
      remindOn: FIRST.remindOn,
      unitId: FIRST.branchId,
    },
    metadata: META,
  },
  { type: 'ReminderSent', data: { id: ID, sender: 'log', status: 'sent', attempts: 1 }, metadata: META },
];

describe('reminders an older release recorded (schema version 1), read by this one (version 2)', () => {
  let store: SqliteEventStore;
  let pdb: ProjectionDatabase;
  let remove: () => Promise<void>;
  let board: DeadlinesBoard;
  const projection = deadlinesProjection({ calendar, reminderDays: [10, 3] });

  const follow = async () => {
    const runner = new ProjectionRunner(store, pdb, projection, { pollIntervalMs: 5 });
    runner.start();
    await runner.caughtUp();
    await runner.stop();
  };

  beforeAll(async () => {
    ({ store, pdb, remove } = await tempLogAndProjections('ketnap-reminders-v1-'));
    board = new DeadlinesBoard(pdb, calendar);
    const dossier = eventsThrough('RecordBranchResolution').map(({ type, data }) => ({ type, data }));
    await store.append(dossierStreamId(DOSSIER), dossier, { expectedVersion: 'no-stream' });
    await follow();
  });
  afterAll(() => remove());

  it('holds them as they were written: version 1, the reminder id under `id`, the hash chain intact', async () => {
    expect(await board.remindersDue('2024-05-22')).toEqual([FIRST]);
    await store.append(NOTIFICATIONS_STREAM, RELEASE_1, { expectedVersion: 'no-stream' });
    const stored = await store.readStream(NOTIFICATIONS_STREAM);
    expect(stored.map((e) => [e.type, e.schemaVersion, e.data])).toEqual(RELEASE_1.map((e) => [e.type, 1, e.data]));
    expect(await store.verify(NOTIFICATIONS_STREAM)).toMatchObject({ ok: true, events: 2 });
  });

  it('decodes them to version 2: `reminderId`, every other field as stored', async () => {
    const decoded = (await store.readStream(NOTIFICATIONS_STREAM)).map(decodeEvent);
    expect(decoded.map(({ type, schemaVersion, data }) => ({ type, schemaVersion, data }))).toEqual([
      {
        type: 'ReminderScheduled',
        schemaVersion: 2,
        data: {
          reminderId: ID,
          dossierId: DOSSIER,
          obligation: 'admission-decision',
          dueOn: FIRST.dueOn,
          remindOn: FIRST.remindOn,
          unitId: FIRST.branchId,
        },
      },
      { type: 'ReminderSent', schemaVersion: 2, data: { reminderId: ID, sender: 'log', status: 'sent', attempts: 1 } },
    ]);
  });

  it('counts the reminder as sent on the deadlines board, live and rebuilt from position 0', async () => {
    await follow();
    expect(await board.remindersDue('2024-05-22')).toEqual([]);
    await rebuildProjection(store, pdb, projection);
    expect(await board.remindersDue('2024-05-22')).toEqual([]);
    expect(await board.remindersDue('2024-05-31')).toEqual([{ ...FIRST, remindOn: '2024-05-30' }]);
  });

  it('records the next reminder at version 2, and the board reads both versions alike', async () => {
    const lines: string[] = [];
    const reminders = new ReminderService(store, new LogNotificationSender((line) => lines.push(line)));
    expect(await reminders.remind({ ...FIRST, remindOn: '2024-05-30' })).toBe(true);
    expect(lines).toEqual([expect.stringContaining(`id=${reminderId({ ...FIRST, remindOn: '2024-05-30' })}`)]);
    const [scheduled, sent] = (await store.readStream(NOTIFICATIONS_STREAM, { fromVersion: 3 })).map((e) => ({
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
    }));
    expect(scheduled).toMatchObject({ type: 'ReminderScheduled', schemaVersion: 2 });
    expect(sent).toEqual({
      type: 'ReminderSent',
      schemaVersion: 2,
      data: {
        reminderId: reminderId({ ...FIRST, remindOn: '2024-05-30' }),
        sender: 'log',
        status: 'sent',
        attempts: 1,
      },
    });
    await follow();
    expect(await board.remindersDue('2024-05-31')).toEqual([]);
  });
});
