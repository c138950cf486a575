import {
  addDays,
  type LocalDate,
  type Obligation,
  type ObligationCode,
  type ObligationStatus,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { inLists, placeholders, type SqlValue } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../runner/projection-database';
import { DEADLINES_PROJECTION } from './deadlines.projection';

/** A deadline as API.md shows it, with its dossier (`GET /deadlines`). */
export interface DeadlineView extends Pick<
  Obligation,
  'obligation' | 'startedOn' | 'dueOn' | 'status' | 'metOn' | 'breachedOn' | 'workingDaysLate'
> {
  dossierId: string;
  branchId?: string;
  skippedDays: LocalDate[];
}

export interface DeadlineFilter {
  /** `open`: not met and not yet late; `breached`: late and not met (recorded or not yet). */
  status?: ObligationStatus;
  dueBefore?: LocalDate;
  branchId?: string;
  /** Only the deadlines of dossiers of these branches (the reader's scope). */
  branchIds?: readonly string[];
  limit: number;
  /** The key of the last item of the previous page. */
  after?: DeadlineKey;
}

/** An obligation's place on the board: its dossier, code and due date. */
export interface DeadlineKey {
  dossierId: string;
  obligation: ObligationCode;
  dueOn: LocalDate;
}

export interface ReminderDue extends DeadlineKey {
  remindOn: LocalDate;
  branchId?: string;
}

interface Row {
  dossier_id: string;
  obligation: ObligationCode;
  branch_id: string | null;
  started_on: string;
  due_on: string;
  status: ObligationStatus;
  met_on: string | null;
  breached_on: string | null;
  working_days_late: number | null;
  closed_on: string | null;
  skipped_days: string;
}

/** Each status's condition; every `?` in it is `today`. */
const STATUS_SQL: Record<ObligationStatus, string> = {
  open: "status = 'open' AND due_on >= ?",
  breached: "(status = 'breached' OR (status = 'open' AND due_on < ?))",
  met: "status = 'met'",
  'met-late': "status = 'met-late'",
};

/** `today` once for each `?` of a status condition. */
const todayFor = (condition: string, today: LocalDate): SqlValue[] =>
  Array.from({ length: condition.split('?').length - 1 }, () => today);

/**
 * Queries of the deadlines board. Statuses are judged on `today` (the clock's legal date), as
 * `obligationsOf` would: an open obligation past its due date is breached from the next day.
 */
export class DeadlinesBoard {
  constructor(
    private readonly pdb: ProjectionDatabase,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async list(filter: DeadlineFilter, today: LocalDate): Promise<DeadlineView[]> {
    const status = filter.status ? STATUS_SQL[filter.status] : '1 = 1';
    const where = [status];
    const params = todayFor(status, today);
    const when = (condition: string, ...values: SqlValue[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (filter.dueBefore) when('due_on < ?', filter.dueBefore);
    if (filter.branchId) when('branch_id = ?', filter.branchId);
    if (filter.branchIds) when(`branch_id IN (${placeholders(filter.branchIds.length)})`, ...filter.branchIds);
    if (filter.after)
      when(
        '(due_on, dossier_id, obligation) > (?, ?, ?)',
        filter.after.dueOn,
        filter.after.dossierId,
        filter.after.obligation,
      );
    const rows = await this.query<Row>(
      (t) => `SELECT * FROM ${t} WHERE ${where.join(' AND ')} ORDER BY due_on, dossier_id, obligation LIMIT ?`,
      [...params, filter.limit],
    );
    return rows.map((r) => this.view(r, today));
  }

  /** Dossiers with an obligation breached on `today` (`GET /dossiers?overdue=true`). */
  async overdueDossierIds(today: LocalDate): Promise<string[]> {
    const rows = await this.query<Row>(
      (t) => `SELECT DISTINCT dossier_id FROM ${t} WHERE ${STATUS_SQL.breached} ORDER BY dossier_id`,
      [today],
    );
    return rows.map((r) => r.dossier_id);
  }

  /** Escalating obligations past their due date with no breach recorded yet: the sweep handles their dossiers. */
  dueForEscalation(today: LocalDate): Promise<DeadlineKey[]> {
    return this.keys(
      "escalates = 1 AND ((status = 'open' AND due_on < ?) OR (status = 'met-late' AND breached_on IS NULL))",
      today,
    );
  }

  /** Escalating obligations still open and not yet due, in pages after `after`: the sweep re-arms their timers. */
  async openNotDue(today: LocalDate, limit: number, after?: DeadlineKey): Promise<DeadlineKey[]> {
    const page = after ? ' AND (dossier_id, obligation) > (?, ?)' : '';
    const rows = await this.query<Row>(
      (t) =>
        `SELECT dossier_id, obligation, due_on FROM ${t} WHERE escalates = 1 AND status = 'open' AND due_on >= ?${page} ORDER BY dossier_id, obligation LIMIT ?`,
      [today, ...(after ? [after.dossierId, after.obligation] : []), limit],
    );
    return rows.map(key);
  }

  async countOpenNotDue(today: LocalDate): Promise<number> {
    const rows = await this.query<{ n: number }>(
      (t) => `SELECT COUNT(*) AS n FROM ${t} WHERE escalates = 1 AND status = 'open' AND due_on >= ?`,
      [today],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * The latest reminder date reached, not yet sent, of each obligation still open and not yet due. An
   * earlier reminder a later one superseded (the clock moved over both) is not sent.
   */
  async remindersDue(today: LocalDate): Promise<ReminderDue[]> {
    if (!(await this.pdb.active(DEADLINES_PROJECTION))) return [];
    const t = await this.pdb.tables(DEADLINES_PROJECTION);
    const rows = await this.pdb.sql.all<Row & { remind_on: string; sent: number }>(
      `SELECT d.dossier_id, d.obligation, d.due_on, d.branch_id, MAX(r.remind_on) AS remind_on
       FROM ${t('reminders')} r JOIN ${t('deadlines')} d ON d.dossier_id = r.dossier_id AND d.obligation = r.obligation AND d.due_on = r.due_on
       WHERE r.remind_on <= ? AND d.status = 'open' AND d.due_on >= ?
       GROUP BY d.dossier_id, d.obligation, d.due_on, d.branch_id`,
      [today, today],
    );
    const due = rows.map((r) => ({
      ...key(r),
      remindOn: r.remind_on,
      ...(r.branch_id !== null && { branchId: r.branch_id }),
    }));
    const sent = new Set<string>();
    for (const { list, values } of inLists(due.map(reminderId)))
      for (const r of await this.pdb.sql.all<{ reminder_id: string }>(
        `SELECT reminder_id FROM ${t('reminders_sent')} WHERE reminder_id IN (${list})`,
        values,
      ))
        sent.add(r.reminder_id);
    return due.filter((r) => !sent.has(reminderId(r)));
  }

  private keys(where: string, today: LocalDate): Promise<DeadlineKey[]> {
    return this.query<Row>(
      (t) => `SELECT dossier_id, obligation, due_on FROM ${t} WHERE ${where} ORDER BY due_on, dossier_id`,
      todayFor(where, today),
    ).then((rows) => rows.map(key));
  }

  private async query<R>(sql: (table: string) => string, params: SqlValue[]): Promise<R[]> {
    if (!(await this.pdb.active(DEADLINES_PROJECTION))) return [];
    return this.pdb.sql.all<R>(sql((await this.pdb.tables(DEADLINES_PROJECTION))('deadlines')), params);
  }

  private view(r: Row, today: LocalDate): DeadlineView {
    const lateUntil = r.closed_on ?? today;
    const overdue = r.status === 'open' && r.due_on < today;
    const status: ObligationStatus = overdue ? 'breached' : r.status;
    const breachedOn = r.breached_on ?? (overdue ? addDays(r.due_on, 1) : undefined);
    const workingDaysLate =
      status === 'breached' && r.closed_on === null
        ? this.calendar.workingDaysBetween(r.due_on, lateUntil)
        : r.working_days_late;
    return {
      dossierId: r.dossier_id,
      ...(r.branch_id !== null && { branchId: r.branch_id }),
      obligation: r.obligation,
      startedOn: r.started_on,
      dueOn: r.due_on,
      status,
      ...(r.met_on !== null && { metOn: r.met_on }),
      ...(breachedOn !== undefined && { breachedOn }),
      ...(workingDaysLate !== null && workingDaysLate !== undefined && { workingDaysLate }),
      skippedDays: JSON.parse(r.skipped_days) as LocalDate[],
    };
  }
}

const key = (r: Pick<Row, 'dossier_id' | 'obligation' | 'due_on'>): DeadlineKey => ({
  dossierId: r.dossier_id,
  obligation: r.obligation,
  dueOn: r.due_on,
});

/** The deterministic id of a reminder (also the notification id): `<dossierId>_<obligation>_<dueOn>_remind-<date>`. */
export const reminderId = (r: DeadlineKey & { remindOn: LocalDate }): string =>
  `${r.dossierId}_${r.obligation}_${r.dueOn}_remind-${r.remindOn}`;
