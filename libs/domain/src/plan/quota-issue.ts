import type { WorkingDayCalendar } from '../calendar/calendar.port';
import type { Message } from '../dossier/commands';
import { addDays, fromParts, daysInMonth, type LocalDate } from '../time/local-date';
import { QUARTERS, type Quarter, type Targets } from './plan';

/** A unit's figures of a past quarter that changed between two issues (facts recorded late). */
export interface QuotaIssueDifference {
  /** A unit's id, or `null` for the committee's total row. */
  unitId: string | null;
  quarter: Quarter;
  before: Targets;
  after: Targets;
}

/**
 * A committee's quota report as of a quarter's last day, issued (frozen) on the first working day
 * after the quarter: the whole report, its SHA-256 (hex, of its canonical JSON), and from the second
 * issue of a year the unit rows and quarters whose actual figures changed since the previous issue.
 * One per committee, year and quarter, in the stream {@link quotaIssuesStreamId}.
 */
export type QuotaReportIssued = Message<
  'QuotaReportIssued',
  {
    committeeId: string;
    year: number;
    quarter: Quarter;
    asOf: LocalDate;
    /** The working day it was due (the first after the quarter's end). */
    issuedOn: LocalDate;
    /** The engine's clock when it was issued (ISO 8601). */
    issuedAt: string;
    hash: string;
    report: Record<string, unknown>;
    differences: QuotaIssueDifference[];
  }
>;

/** The issues of one committee's quota reports for one year. */
export const quotaIssuesStreamId = (committeeId: string, year: number): string => `quota-issues-${committeeId}-${year}`;

/** The last day of a quarter. */
export function quarterEnd(year: number, quarter: Quarter): LocalDate {
  const month = quarter * 3;
  return fromParts({ year, month, day: daysInMonth(year, month) });
}

/** The first working day after the quarter's end, when its quota report is issued. */
export function quotaIssueDay(year: number, quarter: Quarter, calendar: WorkingDayCalendar): LocalDate {
  let day = addDays(quarterEnd(year, quarter), 1);
  for (let i = 0; i < 60 && !calendar.isWorkingDay(day); i += 1) day = addDays(day, 1);
  return day;
}

/** The quarters of `year` whose issue day is `today` or before, in order. */
export const quotaQuartersDue = (year: number, today: LocalDate, calendar: WorkingDayCalendar): Quarter[] =>
  QUARTERS.filter((quarter) => quotaIssueDay(year, quarter, calendar) <= today);
