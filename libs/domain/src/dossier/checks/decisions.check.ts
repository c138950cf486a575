import { DomainError } from '../../errors/domain-error';
import type { KeyOfCode } from '../../messages/catalogue';
import type { MessageParams } from '../../messages/message-text';
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
import { checkDecidedBy } from '../rules/authority.rule';
import { checkConsentBeforeDecision } from '../rules/consent.rule';
import { notBefore, notInFuture } from '../rules/dates.rule';
import { requireStep, STEP_ORDER } from '../rules/order.rule';
import type { DossierState } from '../state';
import { checkDated } from './preparation.check';

/**
 * Step 11, the admission decision (quyết định kết nạp, 9-KNĐ) or refusal, by the competent authority;
 * an admission allowed by a provincial consent is not dated before that consent.
 */
export function checkAdmission(
  data: (AdmissionDecided | AdmissionRefused)['data'],
  d: DossierState,
  ctx: DecideContext,
): void {
  STEP_ORDER['admission-decision'](d);
  checkDated(data.decidedOn, 'decidedOn', d, ctx);
  if (data.receivedOn !== undefined) {
    notInFuture(data.receivedOn, 'receivedOn', todayOf(ctx));
    notBefore(data.receivedOn, 'receivedOn', data.decidedOn, 'decision');
  }
  checkDecidedBy(data, d, ctx);
  if (data.outcome === 'admitted') checkConsentBeforeDecision(d.branchResolution?.provincialConsent, data.decidedOn);
}

function notAllowed(key: KeyOfCode<'EXTENSION_NOT_ALLOWED'>, figures: MessageParams): never {
  throw new DomainError(key, figures, figures);
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
      'STEP_OUT_OF_ORDER.no-admission-pending',
      d,
    );
  else
    requireStep(
      d.recognitionReview !== undefined && d.recognitionDecision === undefined,
      'STEP_OUT_OF_ORDER.no-recognition-pending',
      d,
    );
  if (d.extensions[data.obligation])
    notAllowed('EXTENSION_NOT_ALLOWED.already-extended', {
      obligation: data.obligation,
    });
  const sets = ruleSetsOf(ctx);
  const due = (admission ? admissionDecisionDue : recognitionDecisionDue)(d, ctx.calendar, sets);
  const { startedOn, dueOn, ruleSet } = due as NonNullable<typeof due>;
  notInFuture(data.extendedOn, 'extendedOn', todayOf(ctx));
  notBefore(data.extendedOn, 'extendedOn', startedOn, 'decision-period-start');
  const max = ruleSet.parameters.maxExtensionWorkingDays;
  if (data.workingDays > max)
    notAllowed('EXTENSION_NOT_ALLOWED.too-long', {
      workingDays: data.workingDays,
      max,
    });
  if (compareDates(data.extendedOn, dueOn) > 0) {
    notAllowed('EXTENSION_NOT_ALLOWED.period-ended', {
      dueOn,
      extendedOn: data.extendedOn,
    });
  }
}

/** Step 12, the admission ceremony (lễ kết nạp): probation starts on its date. */
export function checkCeremony(data: CeremonyHeld['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER.ceremony(d);
  checkDated(data.heldOn, 'heldOn', d, ctx);
  const receivedOn = d.admission?.receivedOn;
  if (receivedOn !== undefined) notBefore(data.heldOn, 'heldOn', receivedOn, 'decision-received');
}

/** QĐ 24-QĐ/TW 4.1: a ceremony after 30 working days needs the direct higher committee's approval, which sets a later due date. */
export function checkCeremonyDelay(data: CeremonyDelayApproved['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER['ceremony-delay-approved'](d);
  notInFuture(data.approvedOn, 'approvedOn', todayOf(ctx));
  notBefore(data.approvedOn, 'approvedOn', d.admission?.decidedOn, 'admission-decision');
  const { dueOn } = ceremonyDue(d, ctx.calendar, ruleSetsOf(ctx)) as NonNullable<ReturnType<typeof ceremonyDue>>;
  if (compareDates(data.newDueOn, dueOn) <= 0)
    notAllowed('EXTENSION_NOT_ALLOWED.delay-not-later', { dueOn, newDueOn: data.newDueOn });
  if (!ctx.calendar.isWorkingDay(data.newDueOn))
    notAllowed('EXTENSION_NOT_ALLOWED.delay-not-working-day', { newDueOn: data.newDueOn });
}
