import { evolveAll, initialState, obligationsOf, type DossierState, type Obligation, type RecordedDossierEvent, type WorkingDayCalendar } from '@ketnap/domain';
import type { EventEnvelope, LogCheckpoint } from '@ketnap/event-store';
import type Database from 'better-sqlite3';
import type { ProjectionContext, SqliteProjection, StreamReader } from '../projection';
import { withoutPersonal } from './dossier-fold';
import { dossierIdOf } from './dossier-events';

export const DEADLINES_PROJECTION = 'deadlines';
/** The stream of deadline reminders, written by the deadline saga. */
export const NOTIFICATIONS_STREAM = 'notifications';
export const REMINDER_SENT = 'ReminderSent';

export interface DeadlinesProjectionOptions {
  calendar: WorkingDayCalendar;
  /** Working days before a due date to remind (KETNAP_REMINDER_DAYS). */
  reminderDays: readonly number[];
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

/** A dossier folded up to `version` of its stream (personal data left out); `pending` while in memory only (building). */
interface Folded {
  version: number;
  state: DossierState;
  /** The generation's tables hold rows of this dossier (else there is nothing to delete before writing). */
  stored: boolean;
  pending?: { position: number; after: LogCheckpoint };
}

/** Folded dossiers of one generation, least recently used first. */
type Folds = Map<string, Folded>;

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
export function deadlinesProjection(options: DeadlinesProjectionOptions): SqliteProjection {
  const building = Math.max(1, options.cachedDossiers ?? 8192);
  const live = Math.min(building, 1024);
  const window = Math.max(1, options.replayWindow ?? 100_000);
  const memory = new WeakMap<Database.Database, Map<string, Folds>>();
  const generationsOf = (ctx: ProjectionContext): Map<string, Folds> => {
    let byGeneration = memory.get(ctx.db);
    if (!byGeneration) memory.set(ctx.db, (byGeneration = new Map()));
    return byGeneration;
  };
  const foldsOf = (ctx: ProjectionContext, reset = false): Folds => {
    const byGeneration = generationsOf(ctx);
    const key = ctx.table('dossiers');
    let folds = byGeneration.get(key);
    if (!folds || reset) byGeneration.set(key, (folds = new Map()));
    return folds;
  };
  const save = (ctx: ProjectionContext, dossierId: string, folded: Folded) => {
    persist(ctx, dossierId, folded, options);
    folded.stored = true;
    folded.pending = undefined;
  };
  return {
    name: DEADLINES_PROJECTION,
    version: 2,
    create: (ctx) => {
      const { db, table } = ctx;
      db.exec(`
        CREATE TABLE ${table('dossiers')} (dossier_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
        CREATE TABLE ${table('deadlines')} (
          dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, branch_id TEXT, started_on TEXT NOT NULL, due_on TEXT NOT NULL,
          status TEXT NOT NULL, met_on TEXT, breached_on TEXT, working_days_late INTEGER, escalates INTEGER NOT NULL,
          closed_on TEXT, skipped_days TEXT NOT NULL, PRIMARY KEY (dossier_id, obligation)) WITHOUT ROWID;
        CREATE TABLE ${table('reminders')} (
          dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, due_on TEXT NOT NULL, remind_on TEXT NOT NULL,
          PRIMARY KEY (dossier_id, obligation, remind_on)) WITHOUT ROWID;
        CREATE TABLE ${table('reminders_sent')} (reminder_id TEXT PRIMARY KEY);
        CREATE TABLE ${table('replay')} (id INTEGER PRIMARY KEY CHECK (id = 1), after TEXT NOT NULL);
      `);
      // A generation being built gets its query indexes at `complete`: one sort instead of an insert per row.
      if (!ctx.building) createQueryIndexes(ctx);
    },
    load: async (ctx, events, streams) => {
      const folds = foldsOf(ctx);
      const first = new Map<string, number>();
      for (const e of events) {
        const dossierId = dossierIdOf(e.streamId);
        if (dossierId !== undefined && !first.has(dossierId)) first.set(dossierId, e.streamVersion);
      }
      for (const [dossierId, version] of first) {
        const folded = folds.get(dossierId);
        // Building, memory is the truth (a rebuild starts with `resume`, which clears it); live, a
        // remembered state counts only while the table holds its version (a rolled-back page, another process).
        if (folded && ctx.building) continue;
        const stored = storedVersion(ctx, dossierId);
        if (folded && folded.version === stored) continue;
        folds.delete(dossierId);
        folds.set(dossierId, await foldedFromStore(streams, dossierId, Math.max(stored ?? 0, version - 1), stored !== undefined));
      }
    },
    apply: (ctx, events) => {
      const folds = foldsOf(ctx);
      // Each dossier's new events of the page, folded together (one copy of its state).
      const page = new Map<string, { folded: Folded; fresh: RecordedDossierEvent[] }>();
      for (const e of events) {
        const dossierId = dossierIdOf(e.streamId);
        if (dossierId === undefined) {
          if (e.streamId === NOTIFICATIONS_STREAM && e.type === REMINDER_SENT) markSent(ctx, e);
          continue;
        }
        let entry = page.get(dossierId);
        if (!entry) page.set(dossierId, (entry = { folded: held(folds, dossierId), fresh: [] }));
        const { folded } = entry;
        if (e.streamVersion <= folded.version) continue;
        entry.fresh.push(withoutPersonal(e));
        folded.version = e.streamVersion;
        if (ctx.building) folded.pending ??= { position: e.globalPosition, after: ctx.after };
      }
      for (const [dossierId, { folded, fresh }] of page) {
        if (fresh.length === 0) continue;
        folded.state = evolveAll(folded.state, fresh);
        if (!ctx.building) save(ctx, dossierId, folded);
      }
      if (!ctx.building) {
        forget(folds, live);
        return;
      }
      const last = events[events.length - 1].globalPosition;
      let oldest: Folded['pending'];
      for (const [dossierId, folded] of folds) {
        const leaving = folds.size > building;
        if (folded.pending && (leaving || last - folded.pending.position >= window)) save(ctx, dossierId, folded);
        if (leaving) folds.delete(dossierId);
        else if (folded.pending && (!oldest || folded.pending.position < oldest.position)) oldest = folded.pending;
      }
      if (oldest) ctx.prepare(`INSERT OR REPLACE INTO ${ctx.table('replay')} (id, after) VALUES (1, ?)`).run(oldest.after);
      else ctx.prepare(`DELETE FROM ${ctx.table('replay')}`).run();
    },
    resume: (ctx) => {
      foldsOf(ctx, true);
      return ctx.prepare<[], { after: string }>(`SELECT after FROM ${ctx.table('replay')}`).get()?.after;
    },
    complete: (ctx) => {
      const folds = foldsOf(ctx);
      for (const [dossierId, folded] of folds) if (folded.pending) save(ctx, dossierId, folded);
      ctx.prepare(`DELETE FROM ${ctx.table('replay')}`).run();
      createQueryIndexes(ctx);
      // The generations this one replaces are retired: what memory holds of them goes too.
      const byGeneration = generationsOf(ctx);
      for (const key of byGeneration.keys()) if (key !== ctx.table('dossiers')) byGeneration.delete(key);
      forget(folds, live);
    },
  };
}

/** Drops the least recently used folded dossiers beyond `keep` (they are all written). */
function forget(folds: Folds, keep: number): void {
  for (const [dossierId] of folds) {
    if (folds.size <= keep) return;
    folds.delete(dossierId);
  }
}

/** The dossier `load` put in memory, most recently used from now on. */
function held(folds: Folds, dossierId: string): Folded {
  const folded = folds.get(dossierId);
  if (!folded) throw new Error(`deadlines board: dossier ${dossierId} was not loaded before its page`);
  folds.delete(dossierId);
  folds.set(dossierId, folded);
  return folded;
}

function storedVersion({ prepare, table }: ProjectionContext, dossierId: string): number | undefined {
  return prepare<[string], { version: number }>(`SELECT version FROM ${table('dossiers')} WHERE dossier_id = ?`).get(dossierId)?.version;
}

/** A dossier folded from its stream's events up to `version` (personal data left out). */
async function foldedFromStore(streams: StreamReader, dossierId: string, version: number, stored: boolean): Promise<Folded> {
  const earlier = version > 0 ? await streams.readStream(`dossier-${dossierId}`, { toVersion: version }) : [];
  return { version: earlier.at(-1)?.streamVersion ?? 0, state: evolveAll(initialState(), earlier.map(withoutPersonal)), stored };
}

function createQueryIndexes({ db, table }: ProjectionContext): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS ${table('deadlines_due')} ON ${table('deadlines')} (status, due_on);
    CREATE INDEX IF NOT EXISTS ${table('reminders_on')} ON ${table('reminders')} (remind_on);
  `);
}

function markSent({ prepare, table }: ProjectionContext, e: EventEnvelope): void {
  const id = (e.data as { id?: unknown }).id;
  if (typeof id === 'string') prepare(`INSERT OR IGNORE INTO ${table('reminders_sent')} (reminder_id) VALUES (?)`).run(id);
}

/** Writes a dossier's version and deadline rows (reminders only for open obligations: the others are never due). */
function persist(ctx: ProjectionContext, dossierId: string, folded: Folded, options: DeadlinesProjectionOptions): void {
  const { prepare, table } = ctx;
  const { state } = folded;
  prepare(`INSERT OR REPLACE INTO ${table('dossiers')} (dossier_id, version) VALUES (?, ?)`).run(dossierId, folded.version);
  if (folded.stored) {
    prepare(`DELETE FROM ${table('deadlines')} WHERE dossier_id = ?`).run(dossierId);
    prepare(`DELETE FROM ${table('reminders')} WHERE dossier_id = ?`).run(dossierId);
  }
  const insert = prepare(`INSERT INTO ${table('deadlines')} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const remind = prepare(`INSERT OR IGNORE INTO ${table('reminders')} VALUES (?, ?, ?, ?)`);
  for (const o of obligationsOf(state, options.calendar, { reminderDays: options.reminderDays })) {
    insert.run(...row(dossierId, state, o));
    if (o.status === 'open') for (const day of o.remindOn) remind.run(dossierId, o.obligation, o.dueOn, day);
  }
}

function row(dossierId: string, state: DossierState, o: Obligation): unknown[] {
  return [
    dossierId,
    o.obligation,
    state.nomination?.branchId ?? null,
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
