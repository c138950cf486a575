import type Holidays from 'date-holidays';
import { addDays, compareDates, dayOfWeek, isLocalDate, parts, type LocalDate } from '../time/local-date';
import { PairCache } from '../memo';
import { BUILTIN_YEARS } from './builtin-years';
import type { SkippedDay, WorkingDayCalendar, WorkingDayCount } from './calendar.port';
import { vietnamHolidays } from './statutory-base';
import { parseYearData, type YearData } from './year-data';
import { tableFromData, tableFromStatute, type YearTable } from './year-table';

/** Operator configuration of the calendar; nothing here needs a code change. */
export interface VietnamCalendarOptions {
  /** Year files the operator adds; a later file for a year replaces the built-in one (and earlier ones). */
  years?: YearData[];
  /** Optional days off to count as days off (e.g. `['2026-11-24']`, Ngày Văn hóa Việt Nam). */
  enableOptional?: LocalDate[];
}

interface DayStatus {
  working: boolean;
  makeUp: boolean;
  reason: string;
  source?: string;
  warnings: string[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MAKE_UP_NOTE = 'make-up Saturdays count as working days';

function checkOptional(files: ReadonlyMap<number, YearData>, dates: readonly LocalDate[]): Set<LocalDate> {
  for (const date of dates) {
    const entry = isLocalDate(date) ? files.get(parts(date).year)?.days.find((d) => d.date === date) : undefined;
    if (!entry?.optional) throw new RangeError(`enableOptional: ${date} is not an optional day in the calendar data`);
  }
  return new Set(dates);
}

/**
 * The working-day calendar (ngày làm việc) of state bodies and party organisations: Monday to
 * Friday, minus public holidays (BLLĐ 2019 Art. 112) and the official days off of each year's notice,
 * plus the notice's make-up working days; a make-up Saturday counts as a working day (ketnap's
 * choice: the offices work that day). Years 2024–2026 ship as data files; a year without one falls
 * back to the statutory base (`statutoryDaysOff`) and every result touching it carries a warning.
 * Invalid dates throw a `RangeError`.
 */
export function createVietnamCalendar(options: VietnamCalendarOptions = {}): WorkingDayCalendar {
  const files = new Map<number, YearData>();
  for (const y of BUILTIN_YEARS) files.set(y.year, y);
  for (const y of options.years ?? []) files.set(y.year, parseYearData(y, 'operator year file'));
  const enabled = checkOptional(files, options.enableOptional ?? []);
  const tables = new Map<number, YearTable>();
  let holidays: Holidays | undefined;

  const table = (year: number): YearTable => {
    let t = tables.get(year);
    if (!t) {
      const file = files.get(year);
      t = file ? tableFromData(file, enabled) : tableFromStatute(year, (holidays ??= vietnamHolidays()));
      tables.set(year, t);
    }
    return t;
  };

  const statuses = new Map<LocalDate, DayStatus>();
  const status = (date: LocalDate): DayStatus => {
    let s = statuses.get(date);
    if (!s) {
      s = computeStatus(date);
      statuses.set(date, s);
    }
    return s;
  };

  const computeStatus = (date: LocalDate): DayStatus => {
    const t = table(parts(date).year);
    const rule = t.rules.get(date);
    const warnings = [t.warning, rule?.warning].filter((w): w is string => w !== undefined);
    const source = rule?.source;
    if (rule?.kind === 'off') return { working: false, makeUp: false, reason: rule.occasion, source, warnings };
    if (rule?.kind === 'working') {
      return { working: true, makeUp: true, reason: `${rule.occasion} (${MAKE_UP_NOTE})`, source, warnings };
    }
    const weekday = WEEKDAYS[dayOfWeek(date)];
    const note = rule && !rule.warning ? `; ${rule.occasion} is an optional day off, not enabled` : '';
    if (weekday === 'Saturday' || weekday === 'Sunday')
      return { working: false, makeUp: false, reason: weekday, warnings };
    return {
      working: true,
      makeUp: false,
      reason: `Working day (${weekday})${note}`,
      ...(rule && { source }),
      warnings,
    };
  };

  const countIn = (from: LocalDate, to: LocalDate): number => {
    let n = 0;
    for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) if (status(d).working) n += 1;
    return n;
  };

  /** Due dates and counts are asked for again and again (every dossier, every read-model page): keep them. */
  const counts = new PairCache<LocalDate, number, WorkingDayCount>();
  const between = new PairCache<LocalDate, LocalDate, number>();
  const copy = (c: WorkingDayCount): WorkingDayCount => ({
    date: c.date,
    skippedDays: [...c.skippedDays],
    makeUpDays: [...c.makeUpDays],
    warnings: [...c.warnings],
  });

  return {
    isWorkingDay: (date) => status(date).working,

    addWorkingDays(from: LocalDate, n: number): WorkingDayCount {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
      return copy(counts.get(from, n, () => countWorkingDays(from, n)));
    },

    workingDaysBetween(from: LocalDate, to: LocalDate): number {
      return between.get(from, to, () => {
        parts(from);
        parts(to);
        return compareDates(to, from) >= 0 ? countIn(from, to) : 0 - countIn(to, from);
      });
    },

    describe(date: LocalDate) {
      const s = status(date);
      const reason = [s.reason, ...s.warnings].join(' — ');
      return { date, working: s.working, reason, ...(s.source !== undefined && { source: s.source }) };
    },
  };

  function countWorkingDays(from: LocalDate, n: number): WorkingDayCount {
    const warnings = new Set<string>();
    const skippedDays: SkippedDay[] = [];
    const makeUpDays: LocalDate[] = [];
    let date = from;
    const startWarning = table(parts(from).year).warning;
    if (startWarning) warnings.add(startWarning);
    for (let counted = 0; counted < n;) {
      date = addDays(date, 1);
      const s = status(date);
      s.warnings.forEach((w) => warnings.add(w));
      if (s.working) counted += 1;
      if (s.working && s.makeUp) makeUpDays.push(date);
      if (!s.working) skippedDays.push({ date, reason: s.reason, ...(s.source !== undefined && { source: s.source }) });
    }
    return { date, skippedDays, makeUpDays, warnings: [...warnings] };
  }
}
