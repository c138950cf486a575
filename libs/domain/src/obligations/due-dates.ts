import type { WorkingDayCalendar, WorkingDayCount } from '../calendar/calendar.port';
import type { DerivedDossier } from '../dossier/state';
import { RULE_SETS, ruleSetOn, type RuleParameters, type RuleSet } from '../rules/rule-sets';
import type { LocalDate } from '../time/local-date';

/** When a working-day obligation started, when it is due and how the due date was counted. */
export interface WorkingDayDue {
  startedOn: LocalDate;
  dueOn: LocalDate;
  count: WorkingDayCount;
  /** Working days of the period (with the extension). */
  workingDays: number;
  extendedBy?: number;
  ruleSet: RuleSet;
}

/** The rule set judging an obligation: the one in force on the day it started (DOMAIN.md §7). */
export function ruleSetForStart(startedOn: LocalDate, sets: readonly RuleSet[] = RULE_SETS): RuleSet {
  return ruleSetOn(startedOn, sets) ?? ruleSetOn(startedOn) ?? RULE_SETS[0];
}

function due(
  calendar: WorkingDayCalendar,
  startedOn: LocalDate,
  sets: readonly RuleSet[],
  period: (p: RuleParameters) => number,
  extendedBy?: number,
): WorkingDayDue {
  const ruleSet = ruleSetForStart(startedOn, sets);
  const workingDays = period(ruleSet.parameters) + (extendedBy ?? 0);
  const count = calendar.addWorkingDays(startedOn, workingDays);
  return { startedOn, dueOn: count.date, count, workingDays, ruleSet, ...(extendedBy !== undefined && { extendedBy }) };
}

/**
 * QĐ 24-QĐ/TW 4.3.1: the competent authority decides on admission within 60 working days of the
 * branch resolution, extendable once by up to 30 working days.
 */
export function admissionDecisionDue(
  d: DerivedDossier,
  calendar: WorkingDayCalendar,
  sets: readonly RuleSet[],
): WorkingDayDue | undefined {
  if (!d.branchResolution) return undefined;
  const ext = d.extensions['admission-decision']?.workingDays;
  return due(calendar, d.branchResolution.meetingOn, sets, (p) => p.admissionDecisionWorkingDays, ext);
}

/**
 * QĐ 24-QĐ/TW 4.1: the ceremony (lễ kết nạp) within 30 working days of the day the branch received
 * the decision (the decision date when not recorded); a later ceremony needs the direct higher
 * committee's approval, whose new due date replaces the computed one.
 */
export function ceremonyDue(
  d: DerivedDossier,
  calendar: WorkingDayCalendar,
  sets: readonly RuleSet[],
): WorkingDayDue | undefined {
  if (!d.admission || d.admission.outcome !== 'admitted') return undefined;
  const startedOn = d.admission.receivedOn ?? d.admission.decidedOn;
  const computed = due(calendar, startedOn, sets, (p) => p.ceremonyWorkingDays);
  if (!d.ceremonyDelay) return computed;
  const workingDays = calendar.workingDaysBetween(startedOn, d.ceremonyDelay.newDueOn);
  return {
    ...computed,
    dueOn: d.ceremonyDelay.newDueOn,
    count: calendar.addWorkingDays(startedOn, workingDays),
    workingDays,
  };
}

/** QĐ 24-QĐ/TW 4.2.1: the branch reviews within 30 working days of the end of probation. */
export function recognitionReviewDue(
  d: DerivedDossier,
  calendar: WorkingDayCalendar,
  sets: readonly RuleSet[],
): WorkingDayDue | undefined {
  if (!d.probationEndsOn) return undefined;
  return due(calendar, d.probationEndsOn, sets, (p) => p.recognitionReviewWorkingDays);
}

/** QĐ 24-QĐ/TW 4.3.1: recognition decided within 30 working days of the review, extendable once by up to 30. */
export function recognitionDecisionDue(
  d: DerivedDossier,
  calendar: WorkingDayCalendar,
  sets: readonly RuleSet[],
): WorkingDayDue | undefined {
  if (!d.recognitionReview) return undefined;
  const ext = d.extensions['recognition-decision']?.workingDays;
  return due(calendar, d.recognitionReview.meetingOn, sets, (p) => p.recognitionDecisionWorkingDays, ext);
}

/**
 * Charter Art. 5.1 and HD 12-HD/BTCTW [unconfirmed]: the new member files the party member's
 * background (lý lịch đảng viên) within 30 working days of the ceremony. A reminder, never escalated.
 */
export function memberProfileDue(
  d: DerivedDossier,
  calendar: WorkingDayCalendar,
  sets: readonly RuleSet[],
): WorkingDayDue | undefined {
  if (!d.ceremony) return undefined;
  return due(calendar, d.ceremony.heldOn, sets, (p) => p.memberProfileWorkingDays);
}
