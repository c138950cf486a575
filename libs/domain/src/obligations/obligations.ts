import type { WorkingDayCalendar } from '../calendar/calendar.port';
import type { ObligationCode } from '../dossier/commands';
import { certificateValidUntil } from '../dossier/rules/certificate.rule';
import { freshnessStart, freshUntil } from '../dossier/rules/freshness.rule';
import type { DossierState } from '../dossier/state';
import { RULE_SETS, type RuleSet } from '../rules/rule-sets';
import { addDays, compareDates, type LocalDate } from '../time/local-date';
import {
  admissionDecisionDue,
  ceremonyDue,
  memberProfileDue,
  recognitionDecisionDue,
  recognitionReviewDue,
  ruleSetForStart,
  type WorkingDayDue,
} from './due-dates';
import type { Obligation } from './obligation';
import { reminderDates } from './reminders';

export interface ObligationOptions {
  /** Today's legal date: an open obligation past its due date is `breached`. Without it, only recorded breaches count. */
  today?: LocalDate;
  /** Reminders this many working days before the due date (default 10 and 3). */
  reminderDays?: readonly number[];
  ruleSets?: readonly RuleSet[];
}

/** What the rule sets fix for one obligation, before its status is known. */
interface Period {
  obligation: ObligationCode;
  startedOn: LocalDate;
  dueOn: LocalDate;
  metOn?: LocalDate;
  escalates: boolean;
  source: string;
  ruleSet: RuleSet;
  period: Obligation['period'];
  due?: WorkingDayDue;
}

const SOURCES: Record<ObligationCode, string> = {
  'admission-decision': 'QĐ 24-QĐ/TW 4.3.1 (also QĐ 29, QĐ 232; QĐ 294 unconfirmed)',
  'admission-ceremony': 'QĐ 24-QĐ/TW 4.1 (also QĐ 232)',
  'recognition-review': 'QĐ 24-QĐ/TW 4.2.1 (also QĐ 232)',
  'recognition-decision': 'QĐ 24-QĐ/TW 4.3.1 (also QĐ 29, QĐ 232)',
  'certificate-validity': 'HD 01-HD/TW 2021; HD 06-HD/TW 2025 5.4',
  'dossier-freshness': 'HD 01-HD/TW 2021 (partly unconfirmed)',
  'member-profile': 'Party Charter Art. 5.1; HD 12-HD/BTCTW 2022 (30 working days unconfirmed)',
};

const fromDue = (
  obligation: ObligationCode,
  due: WorkingDayDue | undefined,
  metOn: LocalDate | undefined,
  escalates = true,
): Period | undefined =>
  due && {
    obligation,
    startedOn: due.startedOn,
    dueOn: due.dueOn,
    ...(metOn !== undefined && { metOn }),
    escalates,
    source: SOURCES[obligation],
    ruleSet: due.ruleSet,
    period: { workingDays: due.workingDays },
    due,
  };

function monthly(
  obligation: ObligationCode,
  startedOn: LocalDate | undefined,
  metOn: LocalDate | undefined,
  sets: readonly RuleSet[],
): Period | undefined {
  if (startedOn === undefined) return undefined;
  const ruleSet = ruleSetForStart(startedOn, sets);
  const p = ruleSet.parameters;
  const certificate = obligation === 'certificate-validity';
  const dueOn = certificate ? certificateValidUntil(startedOn, p) : freshUntil(startedOn, p);
  const months = certificate ? p.certificateValidityMonths : p.dossierFreshnessMonths;
  return {
    obligation,
    startedOn,
    dueOn,
    ...(metOn !== undefined && { metOn }),
    escalates: false,
    source: SOURCES[obligation],
    ruleSet,
    period: { months },
  };
}

function periodsOf(s: DossierState, calendar: WorkingDayCalendar, sets: readonly RuleSet[]): Period[] {
  const adoptedOn = s.branchResolution?.meetingOn;
  return [
    monthly('certificate-validity', s.training?.issuedOn, adoptedOn, sets),
    monthly('dossier-freshness', freshnessStart(s), adoptedOn, sets),
    fromDue('admission-decision', admissionDecisionDue(s, calendar, sets), s.admission?.decidedOn),
    fromDue('admission-ceremony', ceremonyDue(s, calendar, sets), s.ceremony?.heldOn),
    fromDue('recognition-review', recognitionReviewDue(s, calendar, sets), s.recognitionReview?.meetingOn),
    fromDue('recognition-decision', recognitionDecisionDue(s, calendar, sets), s.recognitionDecision?.decidedOn),
    fromDue('member-profile', memberProfileDue(s, calendar, sets), s.memberProfile?.filedOn, false),
  ].filter((p): p is Period => p !== undefined);
}

type Outcome = Pick<Obligation, 'status' | 'metOn' | 'breachedOn' | 'workingDaysLate'>;

function outcomeOf(
  p: Period,
  s: DossierState,
  calendar: WorkingDayCalendar,
  today: LocalDate | undefined,
): Outcome | undefined {
  const recorded = s.breaches.find((b) => b.obligation === p.obligation && b.dueOn === p.dueOn && !b.withdrawn);
  const breachedOn = recorded && { breachedOn: recorded.breachedOn };
  if (p.metOn !== undefined) {
    if (compareDates(p.metOn, p.dueOn) <= 0) return { status: 'met', metOn: p.metOn };
    return {
      status: 'met-late',
      metOn: p.metOn,
      ...breachedOn,
      workingDaysLate: calendar.workingDaysBetween(p.dueOn, p.metOn),
    };
  }
  const until = s.closedOn ?? today;
  const late = until !== undefined && compareDates(until, p.dueOn) > 0;
  if (s.closedOn !== undefined && (!late || !p.escalates)) return undefined;
  if (recorded && !late)
    return { status: 'breached', breachedOn: recorded.breachedOn, workingDaysLate: recorded.workingDaysLate };
  if (!late) return { status: 'open' };
  return {
    status: 'breached',
    breachedOn: recorded?.breachedOn ?? addDays(p.dueOn, 1),
    workingDaysLate: calendar.workingDaysBetween(p.dueOn, until),
  };
}

/**
 * Every obligation of DOMAIN.md §3 the dossier has started, with its due date, status and reminders.
 * Extensions and ceremony-delay approvals move the due date. Obligations still open when the dossier
 * closed are left out, unless they were already late (then `breached`, counted to the closing date).
 */
export function obligationsOf(
  state: DossierState,
  calendar: WorkingDayCalendar,
  opts: ObligationOptions = {},
): Obligation[] {
  const sets = opts.ruleSets ?? RULE_SETS;
  const reminderDays = opts.reminderDays ?? [10, 3];
  const obligations: Obligation[] = [];
  for (const p of periodsOf(state, calendar, sets)) {
    const outcome = outcomeOf(p, state, calendar, opts.today);
    if (!outcome) continue;
    const { due } = p;
    obligations.push({
      obligation: p.obligation,
      startedOn: p.startedOn,
      dueOn: p.dueOn,
      ...outcome,
      period: p.period,
      skippedDays: due?.count.skippedDays ?? [],
      makeUpDays: due?.count.makeUpDays ?? [],
      remindOn: reminderDates(calendar, p.startedOn, p.dueOn, reminderDays),
      warnings: due?.count.warnings ?? [],
      ...(due?.extendedBy !== undefined && { extendedBy: due.extendedBy }),
      escalates: p.escalates,
      ruleSet: p.ruleSet.id,
      source: p.source,
    });
  }
  return obligations;
}
