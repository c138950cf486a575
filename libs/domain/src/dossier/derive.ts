import { RULE_SETS, ruleSetById, type RuleSet } from '../rules/rule-sets';
import { addMonths, compareDates, type LocalDate } from '../time/local-date';
import { eventLegalDate } from './event-facts';
import type { StepEvent } from './events';
import { exhaustive } from './exhaustive';
import { stageAfter } from './stage';
import { emptyDerived, type DerivedDossier, type StepRecord } from './state';

const later = (a: LocalDate | undefined, b: LocalDate | undefined): LocalDate | undefined =>
  a === undefined ? b : b === undefined ? a : compareDates(a, b) >= 0 ? a : b;

const PROBATION_MONTHS_DEFAULT = 12;

/**
 * Party Charter Art. 5.1: probation (thời kỳ dự bị) is 12 months (the figure of the ceremony's rule
 * set, looked up in `sets`: the rule sets the engine loaded, an operator's files included) from the ceremony.
 */
export function probationEndOf(
  heldOn: LocalDate,
  ruleSet: string | undefined,
  sets: readonly RuleSet[] = RULE_SETS,
): LocalDate {
  const months = ruleSetById(ruleSet, sets)?.parameters.probationMonths ?? PROBATION_MONTHS_DEFAULT;
  return addMonths(heldOn, months);
}

/**
 * One step applied to what the dossier says, written into `next`, reading the facts it builds on
 * from `d` (the same object when folding in place). Nested values are replaced, never changed: `d`
 * may be a state others hold. The step moves the stage as `STAGE_AFTER` says; a side step (no stage
 * of its own) leaves the stage alone and its date does not bound the next step's date.
 */
export function stepInto(
  next: DerivedDossier,
  d: DerivedDossier,
  event: StepEvent,
  sets: readonly RuleSet[] = RULE_SETS,
): void {
  const stage = stageAfter(event);
  if (stage !== null) {
    next.stage = stage;
    next.lastStepOn = later(d.lastStepOn, eventLegalDate(event));
  }
  switch (event.type) {
    case 'CandidateNominated':
      next.nomination = event.data;
      next.branchId = event.data.branchId;
      return;
    case 'HelpersAssigned':
      next.helpers = event.data;
      return;
    case 'TrainingCompleted':
      next.training = event.data;
      return;
    case 'ApplicationSubmitted':
      next.application = event.data;
      return;
    case 'BackgroundVerified':
      next.background = event.data;
      return;
    case 'IntroducersRecorded':
      next.renewals = { ...d.renewals, introducers: d.introducers ? d.renewals.introducers + 1 : 0 };
      next.introducers = event.data;
      return;
    case 'OpinionsCollected':
      next.renewals = { ...d.renewals, opinions: d.opinions ? d.renewals.opinions + 1 : 0 };
      next.opinions = event.data;
      return;
    case 'BranchVoteFailed':
      next.failedBranchVotes = [...d.failedBranchVotes, event.data];
      return;
    case 'BranchResolutionAdopted':
      next.branchResolution = event.data;
      return;
    case 'CommitteeResolutionAdopted':
      next.committeeResolution = event.data;
      return;
    case 'CommitteeVoteFailed':
      next.failedCommitteeVotes = [...d.failedCommitteeVotes, event.data];
      return;
    case 'AdmissionDecided':
      next.admission = event.data;
      next.partyAgeFrom = event.data.decidedOn;
      return;
    case 'AdmissionRefused':
      next.admission = event.data;
      next.closedOn = event.data.decidedOn;
      return;
    case 'DecisionDeadlineExtended':
      next.extensions = { ...d.extensions, [event.data.obligation]: event.data };
      return;
    case 'CeremonyDelayApproved':
      next.ceremonyDelay = event.data;
      return;
    case 'CeremonyHeld':
      next.ceremony = event.data;
      next.probationEndsOn = probationEndOf(event.data.heldOn, event.data.ruleSet, sets);
      return;
    case 'RecognitionReviewed':
      next.recognitionReview = event.data;
      return;
    case 'RecognitionReviewFailed':
      next.failedRecognitionReviews = [...d.failedRecognitionReviews, event.data];
      return;
    case 'RecognitionResolutionAdopted':
      next.recognitionResolution = event.data;
      return;
    case 'RecognitionResolutionFailed':
      next.failedRecognitionResolutions = [...d.failedRecognitionResolutions, event.data];
      return;
    case 'ProbationHelpersAssigned':
      next.probationHelpers = event.data;
      return;
    case 'MemberProfileFiled':
      next.memberProfile = event.data;
      return;
    case 'NewMemberClassCompleted':
      next.newMemberClass = event.data;
      return;
    case 'DossierTransferred':
      // A transfer changes no stage but bounds the dates of later steps: what each branch held is told by date.
      next.lastStepOn = later(d.lastStepOn, event.data.transferredOn);
      next.transfers = [...d.transfers, event.data];
      next.branchId = event.data.toBranchId;
      return;
    case 'MembershipEnded':
      next.membershipEnded = event.data;
      next.closedOn = event.data.endedOn;
      return;
    case 'RecognitionDecided':
      next.recognitionDecision = event.data;
      next.officialSince = d.probationEndsOn;
      next.closedOn = event.data.decidedOn;
      return;
    case 'MembershipRemoved':
      next.recognitionDecision = event.data;
      next.closedOn = event.data.decidedOn;
      return;
    case 'CandidateWithdrawn':
      next.withdrawal = event.data;
      next.closedOn = event.data.withdrawnOn;
      return;
    default:
      exhaustive(event, undefined);
  }
}

/** Everything the steps say, from the first step on: how corrections reach the derived facts. */
export function deriveAll(records: readonly StepRecord[], sets: readonly RuleSet[] = RULE_SETS): DerivedDossier {
  const derived = emptyDerived();
  for (const r of records) stepInto(derived, derived, r.event, sets);
  return derived;
}

/**
 * The branch that held the dossier on `date` (DOMAIN.md §5, transfers): the nomination's, then each
 * transfer's from its date on. What was counted before a transfer stays with the branch that held it.
 */
export function branchOn(d: Pick<DerivedDossier, 'nomination' | 'transfers'>, date: LocalDate): string | undefined {
  let branchId = d.nomination?.branchId;
  for (const t of d.transfers) if (compareDates(t.transferredOn, date) <= 0) branchId = t.toBranchId;
  return branchId;
}
