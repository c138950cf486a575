import Holidays from 'date-holidays';
import { addDays, compareDates, dayOfWeek, fromParts, parts, type LocalDate } from '../time/local-date';

/** A day off of the statutory base, for a year without an official data file. */
export interface StatutoryDayOff {
  date: LocalDate;
  occasion: string;
  source: string;
}

const BASE = 'BLLĐ 2019 Art. 112(1); statutory base computed with date-holidays (VN)';
const IN_LIEU = 'BLLĐ 2019 Art. 111(3)';
const LUNAR_NEW_YEAR = 'vietnamese 1-0-1';
const HUNG_KINGS = 'vietnamese 3-0-10';
const TET_LABELS = ['last day of the old lunar year', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'];

/** The `date-holidays` calendar for Vietnam; its lunar rules use the Vietnamese calendar (UTC+7). */
export function vietnamHolidays(): Holidays {
  return new Holidays('VN', { types: ['public'] });
}

const publicHolidays = (year: number, hd: Holidays) => hd.getHolidays(year).filter((h) => h.type === 'public');

const DAY_MS = 24 * 60 * 60 * 1000;
type PublicHoliday = ReturnType<typeof publicHolidays>[number];

/**
 * The local date a holiday starts on and its length in days. Read from `date`, not from the `start`
 * instant: Asia/Ho_Chi_Minh was UTC+8 in some years before 1976, and the instant would shift a day.
 */
function spanOf(h: PublicHoliday): { start: LocalDate; days: number } {
  const start = h.date.slice(0, 10);
  parts(start);
  return { start, days: Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS)) };
}

/** The two lunar statutory holidays of `year`, as `date-holidays` computes them. */
export function lunarHolidays(year: number, hd: Holidays): { lunarNewYear: LocalDate; hungKings: LocalDate } {
  return lunarOf(year, publicHolidays(year, hd));
}

function lunarOf(year: number, holidays: PublicHoliday[]): { lunarNewYear: LocalDate; hungKings: LocalDate } {
  const find = (rule: string): LocalDate => {
    const h = holidays.find((x) => x.rule === rule);
    if (!h) throw new Error(`date-holidays (VN) has no rule "${rule}" for ${year}`);
    return spanOf(h).start;
  };
  return { lunarNewYear: find(LUNAR_NEW_YEAR), hungKings: find(HUNG_KINGS) };
}

const isWeekend = (date: LocalDate): boolean => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
const byDate = (a: StatutoryDayOff, b: StatutoryDayOff): number => compareDates(a.date, b.date);

/**
 * The statutory days off of `year` (BLLĐ 2019 Art. 112(1)), built on the public holidays of
 * `date-holidays` (VN), with two choices the Labour Code leaves to each year's notice:
 * - Tết Âm lịch (05 ngày): the last day of the old lunar year and mùng 1 to mùng 4 of the new one,
 *   the usual split of recent notices;
 * - Quốc khánh (2/9 "và 01 ngày liền kề trước hoặc sau"): 1/9, the day before, as the 2025 and 2026
 *   notices chose. When 1/9 is a Sunday, Art. 111(3) below moves it to 3/9, as in 2024.
 * Then every holiday on a Saturday or Sunday gives the next free weekday off (BLLĐ 2019 Art. 111(3)).
 * No swaps and no make-up Saturdays: those only come from a notice.
 */
export function statutoryDaysOff(year: number, hd: Holidays): StatutoryDayOff[] {
  const off = new Map<LocalDate, StatutoryDayOff>();
  const put = (date: LocalDate, occasion: string): void => {
    off.set(date, { date, occasion, source: BASE });
  };
  const holidays = publicHolidays(year, hd);
  for (const h of holidays) {
    const { start, days } = spanOf(h);
    const name = h.rule === HUNG_KINGS ? `${h.name} (10/3 âm lịch)` : h.name;
    for (let i = 0; i < days; i += 1) put(addDays(start, i), name);
  }
  const { lunarNewYear } = lunarOf(year, holidays);
  TET_LABELS.forEach((label, i) => put(addDays(lunarNewYear, i - 1), `Tết Âm lịch (${label})`));
  put(fromParts({ year, month: 9, day: 1 }), 'Quốc khánh, adjacent day (1/9)');
  return withDaysInLieu([...off.values()].sort(byDate));
}

function withDaysInLieu(days: StatutoryDayOff[]): StatutoryDayOff[] {
  const taken = new Set(days.map((d) => d.date));
  const result = [...days];
  for (const day of days) {
    if (!isWeekend(day.date)) continue;
    let lieu = addDays(day.date, 1);
    while (isWeekend(lieu) || taken.has(lieu)) lieu = addDays(lieu, 1);
    taken.add(lieu);
    result.push({
      date: lieu,
      occasion: `Day off in lieu of ${day.occasion} (${day.date}, a weekend day)`,
      source: IN_LIEU,
    });
  }
  return result.sort(byDate);
}
