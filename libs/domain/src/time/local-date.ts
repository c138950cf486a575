import { remembered } from '../memo';

/**
 * Legal dates (ngày pháp lý): calendar dates in Asia/Ho_Chi_Minh, written `YYYY-MM-DD`.
 * Arithmetic is done on the proleptic Gregorian calendar through a day number, never through a
 * `Date` in the local time zone of the machine, so the result is the same everywhere.
 */
export type LocalDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** True for a well-formed, existing calendar date (`2025-02-30` is not). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parts(date: LocalDate): DateParts {
  const m = typeof date === 'string' ? PATTERN.exec(date) : null;
  const year = m ? Number(m[1]) : 0;
  const month = m ? Number(m[2]) : 0;
  const day = m ? Number(m[3]) : 0;
  if (!m || year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  }
  return { year, month, day };
}

export function fromParts({ year, month, day }: DateParts): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Day numbers and dates already converted (see `remembered`); only valid dates get in (`parts` throws first). */
const dayNumbers = new Map<string, number>();
const dates = new Map<number, LocalDate>();

/**
 * Days since 1970-01-01, by H. Hinnant's `days_from_civil` (exact integer arithmetic on the
 * proleptic Gregorian calendar, no `Date`: deadlines add thousands of days per dossier).
 */
export function toDayNumber(date: LocalDate): number {
  return remembered(dayNumbers, date, () => civilToDays(parts(date)));
}

function civilToDays({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number, by H. Hinnant's `civil_from_days`. */
export function fromDayNumber(n: number): LocalDate {
  return remembered(dates, n, () => daysToCivil(n));
}

function daysToCivil(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return fromParts({ year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Same calendar day `months` later; a day missing from the target month is clamped to its last day
 * (a date of 29 February plus 12 months is 28 February).
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return fromParts({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** Negative, zero or positive, like a comparator. ISO dates compare as strings. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Full years from `birth` to `on`, counted in months (the birthday itself completes a year). */
export function fullYears(birth: LocalDate, on: LocalDate): number {
  return Math.floor(fullMonths(birth, on) / 12);
}

/** Full months from `from` to `on`. */
export function fullMonths(from: LocalDate, on: LocalDate): number {
  const a = parts(from);
  const b = parts(on);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  // A day missing from the end month counts as its last day (Bộ luật Dân sự 2015 Art. 148).
  const endOfShortMonth = b.day === daysInMonth(b.year, b.month);
  if (b.day < a.day && !endOfShortMonth) months -= 1;
  return months;
}

/** The legal date of an instant in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function legalDateOf(instant: Date | string): LocalDate {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  const d = new Date(ms + VN_OFFSET_MS);
  return fromParts({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** The first instant of a legal date (local midnight in Asia/Ho_Chi_Minh). */
export function startOfLegalDate(date: LocalDate): Date {
  return new Date(toDayNumber(date) * DAY_MS - VN_OFFSET_MS);
}
