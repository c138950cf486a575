import { ruleSetById } from '../rules/rule-sets';
import { addMonths, compareDates, type LocalDate } from '../time/local-date';
import { eventLegalDate } from './event-facts';
import type { StepEvent } from './events';
import { exhaustive } from './exhaustive';
import { emptyDerived, type DerivedDossier, type StepRecord } from './state';

const later = (a: LocalDate | undefined, b: LocalDate | undefined): LocalDate | undefined =>
  a === undefined ? b : b === undefined ? a : compareDates(a, b) >= 0 ? a : b;

/** Steps on the side of the main line: their dates do not bound the next step's date. */
const SIDE_STEPS: readonly StepEvent['type'][] = ['DecisionDeadlineExtended', 'CeremonyDelayApproved'];

const PROBATION_MONTHS_DEFAULT = 12;

/** Party Charter Art. 5.1: probation (thời kỳ dự bị) is 12 months from the ceremony. */
function probationEnd(heldOn: LocalDate, ruleSet: string): LocalDate {
  const months = ruleSetById(ruleSet)?.parameters.probationMonths ?? PROBATION_MONTHS_DEFAULT;
  return addMonths(heldOn, months);
}

/**
 * One step applied to what the dossier says, written into `next`, reading the facts it builds on
 * from `d` (the same object when folding in place). Nested values are replaced, never changed: `d`
 * may be a state others hold. The stage mapping (API.md stages): nomination → `nominated`; helpers,
 * training, application, verification, introducers, opinions and a failed branch vote →
 * `in-preparation`; branch resolution adopted → `proposed`; committee resolution →
 * `awaiting-decision`; admission decided → `admitted`, refused → `refused`; ceremony → `probation`
 * (then `recognition-review` by date, see `stageOn`); recognition review → `awaiting-recognition`;
 * recognition decided → `official`, removal → `removed`; withdrawal → `withdrawn`. Extensions and
 * ceremony-delay approvals leave the stage unchanged.
 */
export function stepInto(next: DerivedDossier, d: DerivedDossier, event: StepEvent): void {
  if (!SIDE_STEPS.includes(event.type)) next.lastStepOn = later(d.lastStepOn, eventLegalDate(event));
  switch (event.type) {
    case 'CandidateNominated':
      next.stage = 'nominated';
      next.nomination = event.data;
      return;
    case 'HelpersAssigned':
      next.stage = 'in-preparation';
      next.helpers = event.data;
      return;
    case 'TrainingCompleted':
      next.stage = 'in-preparation';
      next.training = event.data;
      return;
    case 'ApplicationSubmitted':
      next.stage = 'in-preparation';
      next.application = event.data;
      return;
    case 'BackgroundVerified':
      next.stage = 'in-preparation';
      next.background = event.data;
      return;
    case 'IntroducersRecorded':
      next.stage = 'in-preparation';
      next.renewals = { ...d.renewals, introducers: d.introducers ? d.renewals.introducers + 1 : 0 };
      next.introducers = event.data;
      return;
    case 'OpinionsCollected':
      next.stage = 'in-preparation';
      next.renewals = { ...d.renewals, opinions: d.opinions ? d.renewals.opinions + 1 : 0 };
      next.opinions = event.data;
      return;
    case 'BranchVoteFailed':
      next.stage = 'in-preparation';
      next.failedBranchVotes = [...d.failedBranchVotes, event.data];
      return;
    case 'BranchResolutionAdopted':
      next.stage = 'proposed';
      next.branchResolution = event.data;
      return;
    case 'CommitteeResolutionAdopted':
      next.stage = 'awaiting-decision';
      next.committeeResolution = event.data;
      return;
    case 'AdmissionDecided':
      next.stage = 'admitted';
      next.admission = event.data;
      next.partyAgeFrom = event.data.decidedOn;
      return;
    case 'AdmissionRefused':
      next.stage = 'refused';
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
      next.stage = 'probation';
      next.ceremony = event.data;
      next.probationEndsOn = probationEnd(event.data.heldOn, event.data.ruleSet);
      return;
    case 'RecognitionReviewed':
      next.stage = 'awaiting-recognition';
      next.recognitionReview = event.data;
      return;
    case 'RecognitionDecided':
      next.stage = 'official';
      next.recognitionDecision = event.data;
      next.officialSince = d.probationEndsOn;
      next.closedOn = event.data.decidedOn;
      return;
    case 'MembershipRemoved':
      next.stage = 'removed';
      next.recognitionDecision = event.data;
      next.closedOn = event.data.decidedOn;
      return;
    case 'CandidateWithdrawn':
      next.stage = 'withdrawn';
      next.withdrawal = event.data;
      next.closedOn = event.data.withdrawnOn;
      return;
    default:
      exhaustive(event, undefined);
  }
}

/** Everything the steps say, from the first step on: how corrections reach the derived facts. */
export function deriveAll(records: readonly StepRecord[]): DerivedDossier {
  const derived = emptyDerived();
  for (const r of records) stepInto(derived, derived, r.event);
  return derived;
}
