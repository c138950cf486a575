import {
  NOTIFICATIONS_STREAM,
  dossierIdOfStream,
  evolveAll,
  isDossierStream,
  laidOutInitialState,
  obligationEventOf,
  obligationsOf,
  recordedOf,
  type DossierState,
  type Obligation,
  type RecordedDossierEvent,
  type RuleSet,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { deleteRows, insertRows, type DecodedEnvelope, type SqlValue } from '@ketnap/event-store';
import type { ProjectionContext, Projection, StreamReader } from '../projection';
import { HeldDossiers, type Held, type HeldMap, type Write } from './held-dossiers';

export const DEADLINES_PROJECTION = 'deadlines';

export interface DeadlinesProjectionOptions {
  calendar: WorkingDayCalendar;
  /** Working days before a due date to remind (KETNAP_REMINDER_DAYS). */
  reminderDays: readonly number[];
  /** The rule sets the engine loaded (an operator's files included); default: the built-in ones. */
  ruleSets?: readonly RuleSet[];
  /**
   * Dossiers kept in memory while building a generation (default 8,192); a live generation keeps at
   * most 1,024 of them (its pages are small, and the process keeps running).
   */
  cachedDossiers?: number;
  /**
   * While building, how many events a dossier's state may stay in memory only before it is written
   * (default 100,000): the most a resumed rebuild reads again.
   */
  replayWindow?: number;
}

/**
 * The deadlines board (DESIGN.md §6): every obligation of every dossier as the steps and recorded
 * breaches fix it, without a "today" (an open obligation past its due date is `open` here; queries
 * judge it against the clock), with the reminder dates and the reminders already sent. The deadline
 * sweep reads it. It also keeps the stream version each dossier's rows reflect, so applying an event
 * twice changes nothing.
 *
 * Dossiers live in memory (the most recently used `cachedDossiers`) as their events cut to what
 * obligations are derived from (`obligationEventOf`), folded when their rows are written; before a
 * page, `load` reads the ones missing from the earlier events of their streams, in the event store
 * (the board keeps no copy of them). Live, each page writes the deadline rows of the dossiers it touched.
 * While a rebuild builds a generation, a dossier's rows are written once, when it leaves memory, has
 * been pending for `replayWindow` events, or at `complete`; each page records the checkpoint of the
 * oldest pending event, from which a resumed rebuild applies the log again (`resume`).
 */
export function deadlinesProjection(options: DeadlinesProjectionOptions): Projection {
  const building = Math.max(1, options.cachedDossiers ?? 8192);
  const memory = new HeldDossiers<RecordedDossierEvent[]>({
    building,
    live: Math.min(building, 1024),
    window: Math.max(1, options.replayWindow ?? 100_000),
    table: 'dossiers',
    write: (ctx, dossiers) => persisted(dossiers, options)(ctx),
    prepareWrite: (dossiers) => persisted(dossiers, options),
  });
  /** Folds a page into the dossiers `load` put in memory, and writes those due (see `HeldDossiers.endPage`). */
  const fold = async (ctx: ProjectionContext, events: DecodedEnvelope[]): Promise<void> => {
    const held = memory.of(ctx);
    // Each dossier of the page, and whether it took an event of the dossier's fold.
    const page = new Map<string, { dossier: Held<RecordedDossierEvent[]>; changed: boolean }>();
    for (const e of events) {
      const stream = e.streamId;
      if (!isDossierStream(stream)) {
        if (stream === NOTIFICATIONS_STREAM && e.type === 'ReminderSent') {
          const { reminderId } = e.data;
          await memory.defer(ctx, (c) => markSent(c, reminderId));
        }
        continue;
      }
      let entry = page.get(stream);
      if (!entry) page.set(stream, (entry = { dossier: loaded(held, stream), changed: false }));
      if (e.streamVersion <= entry.dossier.version) continue;
      const recorded = recordedOf(e);
      if (recorded) {
        const kept = obligationEventOf(recorded);
        if (kept) entry.dossier.value.push(kept);
        entry.changed = true;
      }
      memory.advanced(ctx, stream, entry.dossier, e);
    }
    const touched: Array<[string, Held<RecordedDossierEvent[]>]> = [];
    for (const [stream, { dossier, changed }] of page) if (changed) touched.push([stream, dossier]);
    await memory.endPage(ctx, events, touched);
  };
  return {
    name: DEADLINES_PROJECTION,
    version: 2,
    // Every dossier's obligations folded from its events when its rows are written (see `Projection.cost`):
    // since that fold starts from one layout, less than the admissions' sealing; measured on two threads,
    // 5 beside the others' costs puts it with the dossier list, about 11 % faster than 9 on 1,000,000 events.
    cost: 5,
    create: async (ctx) => {
      const { sql, table } = ctx;
      await sql.exec(`
        CREATE TABLE ${table('dossiers')} (dossier_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
        CREATE TABLE ${table('deadlines')} (
          dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, branch_id TEXT, started_on TEXT NOT NULL, due_on TEXT NOT NULL,
          status TEXT NOT NULL, met_on TEXT, breached_on TEXT, working_days_late INTEGER, escalates INTEGER NOT NULL,
          closed_on TEXT, skipped_days TEXT NOT NULL, PRIMARY KEY (dossier_id, obligation)) WITHOUT ROWID;
        CREATE TABLE ${table('reminders')} (
          dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, due_on TEXT NOT NULL, remind_on TEXT NOT NULL,
          PRIMARY KEY (dossier_id, obligation, remind_on)) WITHOUT ROWID;
        CREATE TABLE ${table('reminders_sent')} (reminder_id TEXT PRIMARY KEY);
        ${HeldDossiers.replayTable(ctx)}
      `);
      // A generation being built gets its query indexes at `complete`: one sort instead of an insert per row.
      if (!ctx.building) await createQueryIndexes(ctx);
    },
    load: async (ctx, events, streams) => {
      const held = memory.of(ctx);
      const first = new Map<string, number>();
      for (const e of events)
        if (isDossierStream(e.streamId) && !first.has(e.streamId)) first.set(e.streamId, e.streamVersion);
      for (const [stream, version] of first) {
        const folded = held.get(stream);
        // Building, memory is the truth (a rebuild starts with `resume`, which clears it); live, a
        // remembered state counts only while the table holds its version (a rolled-back page, another process).
        if (folded && ctx.building) continue;
        const stored = memory.isUnwritten(ctx, stream)
          ? undefined
          : await storedVersion(ctx, dossierIdOfStream(stream)!);
        if (folded && folded.version === stored) continue;
        held.use(
          stream,
          await readFromStore(streams, stream, Math.max(stored ?? 0, version - 1), stored !== undefined),
        );
      }
      if (ctx.building) await memory.prepare(ctx, events, () => fold(ctx, events));
    },
    // Building, a page is folded before its transaction, which then only writes (see `HeldDossiers.prepare`).
    apply: (ctx, events) =>
      ctx.building ? memory.applyPrepared(ctx, events, () => fold(ctx, events)) : fold(ctx, events),
    resume: (ctx) => memory.resume(ctx),
    complete: async (ctx) => {
      await memory.complete(ctx);
      await createQueryIndexes(ctx);
    },
  };
}

/** The dossier `load` put in memory, most recently used from now on. */
function loaded(held: HeldMap<RecordedDossierEvent[]>, stream: string): Held<RecordedDossierEvent[]> {
  const dossier = held.get(stream);
  if (!dossier) throw new Error(`deadlines board: dossier ${dossierIdOfStream(stream)} was not loaded before its page`);
  return held.use(stream, dossier);
}

async function storedVersion({ sql, table }: ProjectionContext, dossierId: string): Promise<number | undefined> {
  return (
    await sql.get<{ version: number }>(`SELECT version FROM ${table('dossiers')} WHERE dossier_id = ?`, [dossierId])
  )?.version;
}

/** A dossier's events up to `version` of its stream, as the board keeps them. */
async function readFromStore(
  streams: StreamReader,
  stream: string,
  version: number,
  stored: boolean,
): Promise<Held<RecordedDossierEvent[]>> {
  const earlier = version > 0 ? await streams.readStream(stream, { toVersion: version }) : [];
  return { version: earlier.at(-1)?.streamVersion ?? 0, value: obligationEventsOf(earlier), stored };
}

async function createQueryIndexes({ sql, table }: ProjectionContext): Promise<void> {
  await sql.exec(`
    CREATE INDEX IF NOT EXISTS ${table('deadlines_due')} ON ${table('deadlines')} (status, due_on);
    CREATE INDEX IF NOT EXISTS ${table('reminders_on')} ON ${table('reminders')} (remind_on);
  `);
}

/** A dossier's decoded events as the board keeps them: cut to what obligations are derived from. */
function obligationEventsOf(events: readonly DecodedEnvelope[]): RecordedDossierEvent[] {
  const kept: RecordedDossierEvent[] = [];
  for (const e of events) {
    const r = recordedOf(e);
    const k = r && obligationEventOf(r);
    if (k) kept.push(k);
  }
  return kept;
}

async function markSent({ sql, table }: ProjectionContext, reminderId: string): Promise<void> {
  await sql.run(`INSERT INTO ${table('reminders_sent')} (reminder_id) VALUES (?) ON CONFLICT DO NOTHING`, [reminderId]);
}

/**
 * The write of dossiers' versions and deadline rows (reminders only for open obligations: the others
 * are never due), their rows folded at once.
 */
function persisted(
  dossiers: ReadonlyArray<[string, Held<RecordedDossierEvent[]>]>,
  options: DeadlinesProjectionOptions,
): Write {
  const versions = dossiers.map(([id, folded]) => [id, folded.version]);
  const stored = dossiers.filter(([, folded]) => folded.stored).map(([id]) => id);
  const deadlines: SqlValue[][] = [];
  const reminders: SqlValue[][] = [];
  for (const [dossierId, { value }] of dossiers) {
    // Folded from one layout for all (see `laidOutInitialState`): the board folds every dossier it writes.
    const state = evolveAll(laidOutInitialState(), value, options.ruleSets);
    for (const o of obligationsOf(state, options.calendar, {
      reminderDays: options.reminderDays,
      ruleSets: options.ruleSets,
    })) {
      deadlines.push(row(dossierId, state, o));
      if (o.status === 'open') for (const day of o.remindOn) reminders.push([dossierId, o.obligation, o.dueOn, day]);
    }
  }
  return async ({ sql, table }) => {
    await HeldDossiers.upsert(sql, table('dossiers'), VERSION, versions);
    await deleteRows(sql, table('deadlines'), 'dossier_id', stored);
    await deleteRows(sql, table('reminders'), 'dossier_id', stored);
    await insertRows(sql, table('deadlines'), deadlines);
    await insertRows(sql, table('reminders'), reminders, 'ON CONFLICT DO NOTHING');
  };
}

const VERSION = ['version'];

function row(dossierId: string, state: DossierState, o: Obligation): SqlValue[] {
  return [
    dossierId,
    o.obligation,
    state.branchId ?? null,
    o.startedOn,
    o.dueOn,
    o.status,
    o.metOn ?? null,
    o.breachedOn ?? null,
    o.workingDaysLate ?? null,
    o.escalates ? 1 : 0,
    state.closedOn ?? null,
    JSON.stringify(o.skippedDays.map((d) => d.date)),
  ];
}
