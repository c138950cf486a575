import { DomainError } from '../../errors/domain-error';
import { admissionDecisionDue, ceremonyDue, recognitionDecisionDue } from '../../obligations/due-dates';
import { compareDates } from '../../time/local-date';
import type { DecideContext } from '../context';
import { ruleSetsOf, todayOf } from '../context';
import type {
  AdmissionDecided,
  AdmissionRefused,
  CeremonyDelayApproved,
  CeremonyHeld,
  DecisionDeadlineExtended,
} from '../events';
import { notBefore, notInFuture } from '../rules/dates.rule';
import { requireStep } from '../rules/order.rule';
import type { DossierState } from '../state';
import { checkDated } from './preparation.check';

/** Step 11, the admission decision (quyết định kết nạp, 9-KNĐ) or refusal, by the competent authority. */
export function checkAdmission(
  data: (AdmissionDecided | AdmissionRefused)['data'],
  d: DossierState,
  ctx: DecideContext,
): void {
  requireStep(
    d.committeeResolution !== undefined,
    'The party committee resolution must be recorded before the admission decision.',
    d,
  );
  requireStep(d.admission === undefined, 'The admission decision is already recorded.', d);
  checkDated(data.decidedOn, 'decidedOn', d, ctx);
  if (data.receivedOn !== undefined) {
    notInFuture(data.receivedOn, 'receivedOn', todayOf(ctx));
    notBefore(data.receivedOn, 'receivedOn', data.decidedOn, 'decision');
  }
}

function notAllowed(message: string, details: Record<string, unknown>): never {
  throw new DomainError('EXTENSION_NOT_ALLOWED', message, details);
}

/**
 * QĐ 24-QĐ/TW 4.3.1: the competent authority may extend its decision period once, by at most 30
 * working days, in special cases (the reason is recorded) and before the period has run out.
 */
export function checkExtension(data: DecisionDeadlineExtended['data'], d: DossierState, ctx: DecideContext): void {
  const admission = data.obligation === 'admission-decision';
  if (admission)
    requireStep(
      d.branchResolution !== undefined && d.admission === undefined,
      'There is no admission decision pending to extend.',
      d,
    );
  else
    requireStep(
      d.recognitionReview !== undefined && d.recognitionDecision === undefined,
      'There is no recognition decision pending to extend.',
      d,
    );
  if (d.extensions[data.obligation])
    notAllowed('The decision period was already extended once; it cannot be extended again.', {
      obligation: data.obligation,
    });
  const sets = ruleSetsOf(ctx);
  const due = (admission ? admissionDecisionDue : recognitionDecisionDue)(d, ctx.calendar, sets);
  const { startedOn, dueOn, ruleSet } = due as NonNullable<typeof due>;
  notInFuture(data.extendedOn, 'extendedOn', todayOf(ctx));
  notBefore(data.extendedOn, 'extendedOn', startedOn, 'start of the decision period');
  const max = ruleSet.parameters.maxExtensionWorkingDays;
  if (data.workingDays > max)
    notAllowed(`An extension may be at most ${max} working days; ${data.workingDays} were asked.`, {
      workingDays: data.workingDays,
      max,
    });
  if (compareDates(data.extendedOn, dueOn) > 0) {
    notAllowed(`The decision period ended on ${dueOn}; an extension must be decided before it runs out.`, {
      dueOn,
      extendedOn: data.extendedOn,
    });
  }
}

/** Step 12, the admission ceremony (lễ kết nạp): probation starts on its date. */
export function checkCeremony(data: CeremonyHeld['data'], d: DossierState, ctx: DecideContext): void {
  requireStep(d.admission?.outcome === 'admitted', 'The ceremony can only be held after an admission decision.', d);
  requireStep(d.ceremony === undefined, 'The ceremony is already recorded.', d);
  checkDated(data.heldOn, 'heldOn', d, ctx);
  const receivedOn = d.admission?.receivedOn;
  if (receivedOn !== undefined) notBefore(data.heldOn, 'heldOn', receivedOn, 'day the branch received the decision');
}

/** QĐ 24-QĐ/TW 4.1: a ceremony after 30 working days needs the direct higher committee's approval, which sets a later due date. */
export function checkCeremonyDelay(data: CeremonyDelayApproved['data'], d: DossierState, ctx: DecideContext): void {
  requireStep(
    d.admission?.outcome === 'admitted' && d.ceremony === undefined,
    'A ceremony delay can only be approved after admission and before the ceremony.',
    d,
  );
  notInFuture(data.approvedOn, 'approvedOn', todayOf(ctx));
  notBefore(data.approvedOn, 'approvedOn', d.admission?.decidedOn, 'admission decision');
  const { dueOn } = ceremonyDue(d, ctx.calendar, ruleSetsOf(ctx)) as NonNullable<ReturnType<typeof ceremonyDue>>;
  if (compareDates(data.newDueOn, dueOn) <= 0)
    notAllowed(`The new due date must be later than the current one, ${dueOn}.`, { dueOn, newDueOn: data.newDueOn });
  if (!ctx.calendar.isWorkingDay(data.newDueOn))
    notAllowed(`The new due date ${data.newDueOn} is not a working day.`, { newDueOn: data.newDueOn });
}
