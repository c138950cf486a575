import { explainDueDate } from '../calendar/explain-due-date';
import { exhaustive } from '../dossier/exhaustive';
import type { MessageRef } from '../messages/message-text';
import type { Obligation } from './obligation';

function statusLine(o: Obligation): MessageRef {
  switch (o.status) {
    case 'open':
      return { key: 'explain.status-open' };
    case 'met':
      return { key: 'explain.status-met', params: { metOn: o.metOn } };
    case 'met-late':
      return { key: 'explain.status-met-late', params: { metOn: o.metOn, days: o.workingDaysLate } };
    case 'breached':
      return {
        key: o.escalates ? 'explain.status-breached-reported' : 'explain.status-breached',
        params: { breachedOn: o.breachedOn, days: o.workingDaysLate },
      };
    default:
      return exhaustive(o.status, { key: 'explain.status-unknown' });
  }
}

/**
 * A plain-language account of an obligation, one catalogue message a line (rendered where it is shown,
 * in the reader's language): its period and source, the days skipped to its due date, its status.
 */
export function explainObligation(o: Obligation): MessageRef[] {
  const about = {
    title: { key: `explain.${o.obligation}` },
    startedOn: o.startedOn,
    source: o.source,
    ruleSet: o.ruleSet,
  } as const;
  const lines: MessageRef[] = [];
  if ('workingDays' in o.period) {
    lines.push(
      o.extendedBy !== undefined
        ? {
            key: 'explain.working-days-extended',
            params: { ...about, days: o.period.workingDays, extendedBy: o.extendedBy },
          }
        : { key: 'explain.working-days', params: { ...about, days: o.period.workingDays } },
      ...explainDueDate({ date: o.dueOn, skippedDays: o.skippedDays, makeUpDays: o.makeUpDays, warnings: o.warnings }),
    );
  } else {
    lines.push({
      key: o.escalates ? 'explain.months' : 'explain.months-warning',
      params: { ...about, months: o.period.months, dueOn: o.dueOn },
    });
  }
  if (o.remindOn.length > 0) lines.push({ key: 'explain.reminders', params: { dates: o.remindOn } });
  lines.push(statusLine(o));
  return lines;
}
