import type { SkippedDay } from '../calendar/calendar.port';
import type { ObligationCode } from '../dossier/commands';
import type { RuleSetId } from '../rules/rule-sets';
import type { LocalDate } from '../time/local-date';

export type { ObligationCode };

/**
 * `met`: met on or before the due date; `met-late`: met after it; `breached`: still open after the
 * due date (or a breach is recorded for this due date and not withdrawn); `open`: not met, not late.
 */
export type ObligationStatus = 'open' | 'met' | 'met-late' | 'breached';

/** A legal deadline of the dossier (DOMAIN.md §3), computed from its steps and the calendar. */
export interface Obligation {
  obligation: ObligationCode;
  startedOn: LocalDate;
  /** The last day of the period; a step dated on it is on time. */
  dueOn: LocalDate;
  status: ObligationStatus;
  metOn?: LocalDate;
  breachedOn?: LocalDate;
  /** Working days in (dueOn, metOn] when met late, (dueOn, today or closing date] when breached. */
  workingDaysLate?: number;
  /** The period: working days (with the extension) or calendar months. */
  period: { workingDays: number } | { months: number };
  /** Non-working days skipped to reach the due date (none for calendar-month periods). */
  skippedDays: SkippedDay[];
  /** Make-up working Saturdays counted as working days. */
  makeUpDays: LocalDate[];
  /** Reminder dates: the given numbers of working days before the due date, after the start. */
  remindOn: LocalDate[];
  /** Calendar warnings (a year computed on the statutory base only). */
  warnings: string[];
  extendedBy?: number;
  /**
   * False for the calendar-month validity periods (`certificate-validity`, `dossier-freshness`):
   * they warn and block the branch resolution, but never open an inspection case.
   */
  escalates: boolean;
  ruleSet: RuleSetId;
  /** The legal source of the deadline. */
  source: string;
}
