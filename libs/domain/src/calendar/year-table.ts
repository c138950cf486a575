import type Holidays from 'date-holidays';
import type { LocalDate } from '../time/local-date';
import { statutoryDaysOff } from './statutory-base';
import type { YearData } from './year-data';

/**
 * What one year's data says about one day. `optional-off` is an optional day off the operator has
 * not enabled: the weekday rule decides, and the day is only mentioned.
 */
export interface DayRule {
  kind: 'off' | 'working' | 'optional-off';
  occasion: string;
  source: string;
  /** Carried by every result that crosses the day (an unconfirmed entry). */
  warning?: string;
}

/** The resolved calendar of one year. */
export interface YearTable {
  year: number;
  rules: ReadonlyMap<LocalDate, DayRule>;
  /** Set when the year has no official data file. */
  warning?: string;
}

function unconfirmedWarning(date: LocalDate, occasion: string, applied: boolean, optional: boolean): string {
  if (!optional) return `${date} ${occasion}: unconfirmed entry in the calendar data`;
  return applied
    ? `${date} ${occasion}: counted as a day off on the operator's option; not confirmed as an official day off`
    : `${date} ${occasion}: counted as a working day; an optional, unconfirmed day off that is not enabled`;
}

/** A year with an official data file; optional entries count only when listed in `enabled`. */
export function tableFromData(data: YearData, enabled: ReadonlySet<LocalDate>): YearTable {
  const rules = new Map<LocalDate, DayRule>();
  for (const e of data.days) {
    const optional = e.optional === true;
    const applied = !optional || enabled.has(e.date);
    const kind = applied ? e.kind : 'optional-off';
    const warning =
      e.confidence === 'unconfirmed' ? unconfirmedWarning(e.date, e.occasion, applied, optional) : undefined;
    rules.set(e.date, { kind, occasion: e.occasion, source: e.source, ...(warning && { warning }) });
  }
  return { year: data.year, rules };
}

/** A year without a data file: the statutory base only, and a warning on every result touching it. */
export function tableFromStatute(year: number, hd: Holidays): YearTable {
  const rules = new Map<LocalDate, DayRule>();
  for (const d of statutoryDaysOff(year, hd))
    rules.set(d.date, { kind: 'off', occasion: d.occasion, source: d.source });
  return { year, rules, warning: `${year}: no official data file; statutory holidays only (date-holidays)` };
}
