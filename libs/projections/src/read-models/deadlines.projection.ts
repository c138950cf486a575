import {
  NOTIFICATIONS_STREAM,
  dossierIdOfStream,
  evolveAll,
  initialState,
  isDossierStream,
  obligationsOf,
  recordedOf,
  withoutPersonal,
  type DossierState,
  type Obligation,
  type RecordedDossierEvent,
  type RuleSet,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { deleteRows, insertRows, type DecodedEnvelope, type SqlValue } from '@ketnap/event-store';
import type { ProjectionContext, Projection, StreamReader } from '../projection';
import { HeldDossiers, type Held, type HeldMap } from './held-dossiers';

export const DEADLINES_PROJECTION = 'deadlines';

export interface DeadlinesProjectionOptions {
  calendar: WorkingDayCalendar;
  /** Working days before a due date to remind (KETNAP_REMINDER_DAYS). */
  reminderDays: readonly number[];
  /** The rule sets the engine loaded (an operator's files included); default: the built-in ones. */
  ruleSets?: readonly RuleSet[];
  /**
   * Folded dossiers kept in memory while building a generation (default 8,192); a live generation
   * keeps at most 1,024 of them (its pages are small, and the process keeps running).
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
 * Folded dossiers live in memory (the most recently used `cachedDossiers`); before a page, `load`
 * folds the ones missing from the earlier events of their streams, read from the event store (the
 * board keeps no copy of them). Live, each page writes the deadline rows of the dossiers it touched.
 * While a rebuild builds a generation, a dossier's rows are written once, when it leaves memory, has
 * been pending for `replayWindow` events, or at `complete`; each page records the checkpoint of the
 * oldest pending event, from which a resumed rebuild applies the log again (`resume`).
 */
export function deadlinesProjection(options: DeadlinesProjectionOptions): Projection {
  const building = Math.max(1, options.cachedDossiers ?? 8192);
  const memory = new HeldDossiers<DossierState>({
    building,
    live: Math.min(building, 1024),
    window: Math.max(1, options.replayWindow ?? 100_000),
    table: 'dossiers',
    write: (ctx, dossiers) => persist(ctx, dossiers, options),
  });
  return {
    name: DEADLINES_PROJECTION,
    version: 2,
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
          await foldedFromStore(
            streams,
            stream,
            Math.max(stored ?? 0, version - 1),
            stored !== undefined,
            options.ruleSets,
          ),
        );
      }
    },
    apply: async (ctx, events) => {
      const held = memory.of(ctx);
      // Each dossier's new events of the page, folded together (one copy of its state).
      const page = new Map<string, { folded: Held<DossierState>; fresh: RecordedDossierEvent[] }>();
      for (const e of events) {
        const stream = e.streamId;
        if (!isDossierStream(stream)) {
          if (stream === NOTIFICATIONS_STREAM && e.type === 'ReminderSent') await markSent(ctx, e.data.reminderId);
          continue;
        }
        let entry = page.get(stream);
        if (!entry) page.set(stream, (entry = { folded: loaded(held, stream), fresh: [] }));
        if (e.streamVersion <= entry.folded.version) continue;
        const recorded = recordedOf(e);
        if (recorded) entry.fresh.push(withoutPersonal(recorded));
        memory.advanced(ctx, stream, entry.folded, e);
      }
      const touched: Array<[string, Held<DossierState>]> = [];
      for (const [stream, { folded, fresh }] of page) {
        if (fresh.length === 0) continue;
        folded.value = evolveAll(folded.value, fresh, options.ruleSets);
        touched.push([stream, folded]);
      }
      await memory.endPage(ctx, events, touched);
    },
    resume: (ctx) => memory.resume(ctx),
    complete: async (ctx) => {
      await memory.complete(ctx);
      await createQueryIndexes(ctx);
    },
  };
}

/** The dossier `load` put in memory, most recently used from now on. */
function loaded(held: HeldMap<DossierState>, stream: string): Held<DossierState> {
  const folded = held.get(stream);
  if (!folded) throw new Error(`deadlines board: dossier ${dossierIdOfStream(stream)} was not loaded before its page`);
  return held.use(stream, folded);
}

async function storedVersion({ sql, table }: ProjectionContext, dossierId: string): Promise<number | undefined> {
  return (
    await sql.get<{ version: number }>(`SELECT version FROM ${table('dossiers')} WHERE dossier_id = ?`, [dossierId])
  )?.version;
}

/** A dossier folded from its stream's events up to `version` (personal data left out). */
async function foldedFromStore(
  streams: StreamReader,
  stream: string,
  version: number,
  stored: boolean,
  ruleSets: readonly RuleSet[] | undefined,
): Promise<Held<DossierState>> {
  const earlier = version > 0 ? await streams.readStream(stream, { toVersion: version }) : [];
  return {
    version: earlier.at(-1)?.streamVersion ?? 0,
    value: evolveAll(initialState(), dossierEventsOf(earlier), ruleSets),
    stored,
  };
}

async function createQueryIndexes({ sql, table }: ProjectionContext): Promise<void> {
  await sql.exec(`
    CREATE INDEX IF NOT EXISTS ${table('deadlines_due')} ON ${table('deadlines')} (status, due_on);
    CREATE INDEX IF NOT EXISTS ${table('reminders_on')} ON ${table('reminders')} (remind_on);
  `);
}

/** A dossier's decoded events as the board folds them: its own types only, personal data left out. */
function dossierEventsOf(events: readonly DecodedEnvelope[]): RecordedDossierEvent[] {
  const recorded: RecordedDossierEvent[] = [];
  for (const e of events) {
    const r = recordedOf(e);
    if (r) recorded.push(withoutPersonal(r));
  }
  return recorded;
}

async function markSent({ sql, table }: ProjectionContext, reminderId: string): Promise<void> {
  await sql.run(`INSERT INTO ${table('reminders_sent')} (reminder_id) VALUES (?) ON CONFLICT DO NOTHING`, [reminderId]);
}

/** Writes dossiers' versions and deadline rows (reminders only for open obligations: the others are never due). */
async function persist(
  { sql, table }: ProjectionContext,
  dossiers: ReadonlyArray<[string, Held<DossierState>]>,
  options: DeadlinesProjectionOptions,
): Promise<void> {
  await HeldDossiers.upsert(
    sql,
    table('dossiers'),
    VERSION,
    dossiers.map(([id, folded]) => [id, folded.version]),
  );
  const stored = dossiers.filter(([, folded]) => folded.stored).map(([id]) => id);
  await deleteRows(sql, table('deadlines'), 'dossier_id', stored);
  await deleteRows(sql, table('reminders'), 'dossier_id', stored);
  const deadlines: SqlValue[][] = [];
  const reminders: SqlValue[][] = [];
  for (const [dossierId, { value: state }] of dossiers)
    for (const o of obligationsOf(state, options.calendar, {
      reminderDays: options.reminderDays,
      ruleSets: options.ruleSets,
    })) {
      deadlines.push(row(dossierId, state, o));
      if (o.status === 'open') for (const day of o.remindOn) reminders.push([dossierId, o.obligation, o.dueOn, day]);
    }
  await insertRows(sql, table('deadlines'), deadlines);
  await insertRows(sql, table('reminders'), reminders, 'ON CONFLICT DO NOTHING');
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
