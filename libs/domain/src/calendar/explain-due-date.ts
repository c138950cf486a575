import type { MessageRef } from '../messages/message-text';
import { dayOfWeek, type LocalDate } from '../time/local-date';
import type { WorkingDayCount } from './calendar.port';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** A date with its weekday: `Tuesday 2024-06-04`, `Thứ Ba, ngày 04/06/2024`. */
export const datedMessage = (date: LocalDate): MessageRef => ({
  key: 'calendar.dated',
  params: { weekday: { key: `weekday.${WEEKDAYS[dayOfWeek(date)]}` }, date },
});

/**
 * A plain-language explanation of a due date, one catalogue message a line (rendered where it is shown,
 * in the reader's language): the due date, the holidays and official days off it skipped (each with its
 * source), how many weekend days it skipped, the make-up working days it counted and any warning. A
 * skipped day without a source is a weekend.
 */
export function explainDueDate(count: WorkingDayCount): MessageRef[] {
  const holidays = count.skippedDays.filter((d) => d.source !== undefined);
  const weekendDays = count.skippedDays.length - holidays.length;
  const lines: MessageRef[] = [{ key: 'calendar.due-date', params: { date: datedMessage(count.date) } }];
  if (holidays.length === 0) lines.push({ key: 'calendar.no-days-off' });
  else {
    lines.push({
      key: holidays.length === 1 ? 'calendar.days-off-one' : 'calendar.days-off',
      params: { count: holidays.length },
    });
    for (const d of holidays) {
      lines.push({
        key: 'calendar.day-off',
        params: { date: datedMessage(d.date), reason: d.reason, source: d.source },
      });
    }
  }
  lines.push({
    key: weekendDays === 1 ? 'calendar.weekend-days-one' : 'calendar.weekend-days',
    params: { count: weekendDays },
  });
  if (count.makeUpDays.length > 0) {
    lines.push({ key: 'calendar.make-up-days', params: { days: count.makeUpDays.map(datedMessage) } });
  }
  for (const warning of count.warnings) lines.push({ key: 'calendar.warning', params: { warning } });
  return lines;
}
