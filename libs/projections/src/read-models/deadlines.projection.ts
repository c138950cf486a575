import { obligationsOf, type DossierState, type Obligation, type WorkingDayCalendar } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../projection';
import { foldDossierEvent } from './dossier-fold';
import { dossierIdOf } from './dossier-events';

export const DEADLINES_PROJECTION = 'deadlines';
/** The stream of deadline reminders, written by the deadline saga. */
export const NOTIFICATIONS_STREAM = 'notifications';
export const REMINDER_SENT = 'ReminderSent';

export interface DeadlinesProjectionOptions {
  calendar: WorkingDayCalendar;
  /** Working days before a due date to remind (KETNAP_REMINDER_DAYS). */
  reminderDays: readonly number[];
}

/**
 * The deadlines board (DESIGN.md §6): every obligation of every dossier as the steps and recorded
 * breaches fix it, without a "today" (an open obligation past its due date is `open` here; queries
 * judge it against the clock). It also keeps each dossier's folded state, personal data left out,
 * the reminder dates and the reminders already sent. The deadline sweep reads it.
 */
export function deadlinesProjection(options: DeadlinesProjectionOptions): SqliteProjection {
  return {
    name: DEADLINES_PROJECTION,
    version: 1,
    create: ({ db, table }) =>
      db.exec(`
        CREATE TABLE ${table('dossiers')} (dossier_id TEXT PRIMARY KEY, state TEXT NOT NULL);
        CREATE TABLE ${table('deadlines')} (
          dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, branch_id TEXT, started_on TEXT NOT NULL, due_on TEXT NOT NULL,
          status TEXT NOT NULL, met_on TEXT, breached_on TEXT, working_days_late INTEGER, escalates INTEGER NOT NULL,
          closed_on TEXT, skipped_days TEXT NOT NULL, PRIMARY KEY (dossier_id, obligation));
        CREATE INDEX ${table('deadlines_due')} ON ${table('deadlines')} (status, due_on);
        CREATE TABLE ${table('reminders')} (
          dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, due_on TEXT NOT NULL, remind_on TEXT NOT NULL,
          PRIMARY KEY (dossier_id, obligation, remind_on));
        CREATE INDEX ${table('reminders_on')} ON ${table('reminders')} (remind_on);
        CREATE TABLE ${table('reminders_sent')} (reminder_id TEXT PRIMARY KEY);
      `),
    apply: (ctx, events) => {
      const states = new Map<string, DossierState>();
      for (const e of events) {
        const dossierId = dossierIdOf(e.streamId);
        if (dossierId !== undefined) states.set(dossierId, foldDossierEvent(states.get(dossierId) ?? stateOf(ctx, dossierId), e));
        else if (e.streamId === NOTIFICATIONS_STREAM && e.type === REMINDER_SENT) markSent(ctx, e);
      }
      for (const [dossierId, state] of states) write(ctx, dossierId, state, options);
    },
  };
}

function stateOf({ prepare, table }: ProjectionContext, dossierId: string): DossierState | undefined {
  const row = prepare<[string], { state: string }>(`SELECT state FROM ${table('dossiers')} WHERE dossier_id = ?`).get(dossierId);
  return row && (JSON.parse(row.state) as DossierState);
}

function markSent({ prepare, table }: ProjectionContext, e: EventEnvelope): void {
  const id = (e.data as { id?: unknown }).id;
  if (typeof id === 'string') prepare(`INSERT OR IGNORE INTO ${table('reminders_sent')} (reminder_id) VALUES (?)`).run(id);
}

function write(ctx: ProjectionContext, dossierId: string, state: DossierState, options: DeadlinesProjectionOptions): void {
  const { prepare, table } = ctx;
  prepare(`INSERT OR REPLACE INTO ${table('dossiers')} (dossier_id, state) VALUES (?, ?)`).run(dossierId, JSON.stringify(state));
  prepare(`DELETE FROM ${table('deadlines')} WHERE dossier_id = ?`).run(dossierId);
  prepare(`DELETE FROM ${table('reminders')} WHERE dossier_id = ?`).run(dossierId);
  const insert = prepare(`INSERT INTO ${table('deadlines')} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const remind = prepare(`INSERT OR IGNORE INTO ${table('reminders')} VALUES (?, ?, ?, ?)`);
  for (const o of obligationsOf(state, options.calendar, { reminderDays: options.reminderDays })) {
    insert.run(...row(dossierId, state, o));
    for (const day of o.remindOn) remind.run(dossierId, o.obligation, o.dueOn, day);
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
