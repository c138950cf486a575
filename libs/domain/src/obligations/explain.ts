import { explainDueDate } from '../calendar/explain-due-date';
import { exhaustive } from '../dossier/exhaustive';
import type { Obligation } from './obligation';

const TITLES: Record<Obligation['obligation'], string> = {
  'admission-decision': 'Admission decision (quyết định kết nạp)',
  'admission-ceremony': 'Admission ceremony (lễ kết nạp)',
  'recognition-review': 'Branch review for recognition (xét công nhận đảng viên chính thức)',
  'recognition-decision': 'Recognition decision (quyết định công nhận đảng viên chính thức)',
  'certificate-validity': 'Awareness-class certificate validity (giấy chứng nhận bồi dưỡng nhận thức về Đảng)',
  'dossier-freshness': 'Dossier freshness (hồ sơ kết nạp)',
  'member-profile': "Party member's profile (lý lịch đảng viên), a reminder",
};

function statusLine(o: Obligation): string {
  switch (o.status) {
    case 'open':
      return 'Status: open.';
    case 'met':
      return `Status: met on ${o.metOn}, on time.`;
    case 'met-late':
      return `Status: met late on ${o.metOn}, ${o.workingDaysLate} working day(s) after the due date.`;
    case 'breached':
      return `Status: overdue since ${o.breachedOn}, ${o.workingDaysLate} working day(s) late${o.escalates ? '; reported to the inspection committee' : ''}.`;
    default:
      return exhaustive(o.status, 'Status: unknown.');
  }
}

/** A plain-language account of an obligation: its period and source, the days skipped to its due date, its status. */
export function explainObligation(o: Obligation): string {
  const period =
    'workingDays' in o.period
      ? `${o.period.workingDays} working days from ${o.startedOn}${o.extendedBy !== undefined ? ` (including an extension of ${o.extendedBy})` : ''}`
      : `${o.period.months} calendar months from ${o.startedOn}, until ${o.dueOn}${o.escalates ? '' : ' (a warning, not an escalation)'}`;
  const lines = [`${TITLES[o.obligation]}: ${period} [${o.source}; rule set ${o.ruleSet}].`];
  if ('workingDays' in o.period) {
    lines.push(
      explainDueDate({ date: o.dueOn, skippedDays: o.skippedDays, makeUpDays: o.makeUpDays, warnings: o.warnings }),
    );
  }
  if (o.remindOn.length > 0) lines.push(`Reminders: ${o.remindOn.join(', ')}.`);
  lines.push(statusLine(o));
  return lines.join('\n');
}
