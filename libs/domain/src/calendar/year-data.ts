import { isLocalDate, parts, type LocalDate } from '../time/local-date';

/** How sure we are that a day in a data file is what it says. */
export type DayConfidence = 'confirmed' | 'unconfirmed';

/**
 * One day of an official notice: a weekday off (`off`) or a make-up working day (`working`,
 * usually a Saturday; it counts as a working day).
 */
export interface DayEntry {
  date: LocalDate;
  kind: 'off' | 'working';
  /** What the day is, in the notice's words (e.g. "Tết Giáp Thìn (break 8/2–14/2)"). */
  occasion: string;
  /** The notice or article that fixes the day (e.g. "BLLĐ 2019 Art. 112"). */
  source: string;
  /** Absent means confirmed. */
  confidence?: DayConfidence;
  /** Ignored unless the operator enables it (`enableOptional`). */
  optional?: boolean;
}

/**
 * The official days off and make-up working days of one year for state bodies and political and
 * socio-political organisations (cán bộ, công chức, viên chức). Weekends are implied and not
 * listed. One file per year; an operator adds or replaces a year without a code change.
 */
export interface YearData {
  year: number;
  description: string;
  /** Every notice the entries cite. */
  sources: string[];
  days: DayEntry[];
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function invalid(label: string, detail: string): never {
  throw new RangeError(`invalid calendar data (${label}): ${detail}`);
}

function parseEntry(raw: unknown, year: number, label: string): DayEntry {
  if (typeof raw !== 'object' || raw === null) invalid(label, 'an entry is not an object');
  const e = raw as Record<string, unknown>;
  if (!isLocalDate(e.date)) invalid(label, `bad date ${String(e.date)}`);
  if (parts(e.date).year !== year) invalid(label, `${e.date} is not in ${year}`);
  if (e.kind !== 'off' && e.kind !== 'working') invalid(label, `${e.date}: kind must be "off" or "working"`);
  if (!isText(e.occasion) || !isText(e.source)) invalid(label, `${e.date}: occasion and source are required`);
  if (e.confidence !== undefined && e.confidence !== 'confirmed' && e.confidence !== 'unconfirmed') {
    invalid(label, `${e.date}: confidence must be "confirmed" or "unconfirmed"`);
  }
  if (e.optional !== undefined && typeof e.optional !== 'boolean')
    invalid(label, `${e.date}: optional must be a boolean`);
  return {
    date: e.date,
    kind: e.kind,
    occasion: e.occasion,
    source: e.source,
    ...(e.confidence !== undefined && { confidence: e.confidence }),
    ...(e.optional !== undefined && { optional: e.optional }),
  };
}

/**
 * Checks a year file (parsed JSON) and returns it typed. Throws a `RangeError` naming the file and
 * the faulty entry: a date outside the year, an unknown kind, a missing source, a date listed twice.
 */
export function parseYearData(raw: unknown, label = 'year data'): YearData {
  if (typeof raw !== 'object' || raw === null) invalid(label, 'not an object');
  const r = raw as Record<string, unknown>;
  const year = r.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900)
    invalid(label, 'year must be an integer ≥ 1900');
  if (!isText(r.description)) invalid(label, 'description is required');
  if (!Array.isArray(r.sources) || !r.sources.every(isText)) invalid(label, 'sources must be a list of texts');
  if (!Array.isArray(r.days)) invalid(label, 'days must be a list');
  const days = r.days.map((d) => parseEntry(d, year, `${label} ${year}`));
  const seen = new Set<LocalDate>();
  for (const d of days) {
    if (seen.has(d.date)) invalid(`${label} ${year}`, `${d.date} is listed twice`);
    seen.add(d.date);
  }
  return { year, description: r.description, sources: [...r.sources], days };
}
