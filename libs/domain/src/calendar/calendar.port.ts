import type { LocalDate } from '../time/local-date';

/** Why a day is not a working day (weekend, public holiday, official day off). */
export interface SkippedDay {
  date: LocalDate;
  reason: string;
  /** The notice or article that makes it a day off, when it is not just a weekend. */
  source?: string;
}

/** A due date with the days skipped to reach it. */
export interface WorkingDayCount {
  date: LocalDate;
  skippedDays: SkippedDay[];
  /** Make-up working Saturdays counted on the way (they count as working days). */
  makeUpDays: LocalDate[];
  /** E.g. a year without an official data file, computed on the statutory base only. */
  warnings: string[];
}

/**
 * The Vietnamese working-day calendar (ngày làm việc): Monday to Friday, minus public holidays and
 * official days off, plus official make-up working days.
 */
export interface WorkingDayCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /**
   * The last day of a period of `n` working days "from day `from`": counting starts on the day after
   * `from`. `n` = 0 returns `from` itself.
   */
  addWorkingDays(from: LocalDate, n: number): WorkingDayCount;
  /** Working days in the interval (`from`, `to`]; negative when `to` is before `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number;
  /** Why `date` is or is not a working day, with the source. */
  describe(date: LocalDate): { date: LocalDate; working: boolean; reason: string; source?: string };
}
