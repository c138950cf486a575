import { dayOfWeek, type LocalDate } from '../time/local-date';
import type { WorkingDayCount } from './calendar.port';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const dated = (date: LocalDate): string => `${WEEKDAYS[dayOfWeek(date)]} ${date}`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A plain-language explanation of a due date, one statement per line: the due date, the holidays
 * and official days off it skipped (each with its source), how many weekend days it skipped, the
 * make-up working days it counted and any warning. A skipped day without a source is a weekend.
 */
export function explainDueDate(count: WorkingDayCount): string {
  const holidays = count.skippedDays.filter((d) => d.source !== undefined);
  const weekendDays = count.skippedDays.length - holidays.length;
  const lines = [`Due date: ${dated(count.date)}.`];
  if (holidays.length === 0) lines.push('No holiday or official day off in the period.');
  else {
    lines.push(
      holidays.length === 1
        ? 'Skipped 1 holiday or official day off:'
        : `Skipped ${holidays.length} holidays and official days off:`,
    );
    for (const d of holidays) lines.push(`- ${dated(d.date)}: ${d.reason} [${d.source}]`);
  }
  lines.push(`Skipped ${plural(weekendDays, 'weekend day')}.`);
  if (count.makeUpDays.length > 0) {
    const days = count.makeUpDays.map(dated).join(', ');
    lines.push(`Counted as working days (official make-up working days): ${days}.`);
  }
  for (const w of count.warnings) lines.push(`Warning: ${w}.`);
  return lines.join('\n');
}
