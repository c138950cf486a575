import type { WorkingDayCalendar } from '../calendar/calendar.port';
import { PairCache } from '../memo';
import { addDays, compareDates, type LocalDate } from '../time/local-date';

const MAX_WALK_DAYS = 400;

/** Reminder dates already counted back, per calendar: every dossier asks for the same few hundred. */
const counted = new WeakMap<WorkingDayCalendar, PairCache<LocalDate, number, LocalDate | undefined>>();

/** The working day `n` working days before `date` (counting back from the day before it). */
export function workingDaysBefore(calendar: WorkingDayCalendar, date: LocalDate, n: number): LocalDate | undefined {
  let known = counted.get(calendar);
  if (!known) counted.set(calendar, (known = new PairCache()));
  return known.get(date, n, () => countBack(calendar, date, n));
}

function countBack(calendar: WorkingDayCalendar, date: LocalDate, n: number): LocalDate | undefined {
  let day = date;
  for (let counted = 0, walked = 0; counted < n; walked += 1) {
    if (walked > MAX_WALK_DAYS) return undefined;
    day = addDays(day, -1);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** Reminder dates for a due date: each `n` of `reminderDays` working days before it, after the start. */
export function reminderDates(
  calendar: WorkingDayCalendar,
  startedOn: LocalDate,
  dueOn: LocalDate,
  reminderDays: readonly number[],
): LocalDate[] {
  const dates: LocalDate[] = [];
  for (const n of reminderDays) {
    const day = Number.isInteger(n) && n > 0 ? workingDaysBefore(calendar, dueOn, n) : undefined;
    if (day !== undefined && compareDates(day, startedOn) > 0 && !dates.includes(day)) dates.push(day);
  }
  return dates.sort(compareDates);
}
