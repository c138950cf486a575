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
 * One step applied to what the dossier says. The stage mapping (API.md stages):
 * nomination → `nominated`; helpers, training, application, verification, introducers, opinions and a
 * failed branch vote → `in-preparation`; branch resolution adopted → `proposed`; committee resolution
 * → `awaiting-decision`; admission decided → `admitted`, refused → `refused`; ceremony → `probation`
 * (then `recognition-review` by date, see `stageOn`); recognition review → `awaiting-recognition`;
 * recognition decided → `official`, removal → `removed`; withdrawal → `withdrawn`. Extensions and
 * ceremony-delay approvals leave the stage unchanged.
 */
export function applyStep(d: DerivedDossier, event: StepEvent): DerivedDossier {
  const on = eventLegalDate(event);
  const next: DerivedDossier = SIDE_STEPS.includes(event.type) ? { ...d } : { ...d, lastStepOn: later(d.lastStepOn, on) };
  switch (event.type) {
    case 'CandidateNominated':
      return { ...next, stage: 'nominated', nomination: event.data };
    case 'HelpersAssigned':
      return { ...next, stage: 'in-preparation', helpers: event.data };
    case 'TrainingCompleted':
      return { ...next, stage: 'in-preparation', training: event.data };
    case 'ApplicationSubmitted':
      return { ...next, stage: 'in-preparation', application: event.data };
    case 'BackgroundVerified':
      return { ...next, stage: 'in-preparation', background: event.data };
    case 'IntroducersRecorded': {
      const renewals = { ...d.renewals, introducers: d.introducers ? d.renewals.introducers + 1 : 0 };
      return { ...next, stage: 'in-preparation', introducers: event.data, renewals };
    }
    case 'OpinionsCollected': {
      const renewals = { ...d.renewals, opinions: d.opinions ? d.renewals.opinions + 1 : 0 };
      return { ...next, stage: 'in-preparation', opinions: event.data, renewals };
    }
    case 'BranchVoteFailed':
      return { ...next, stage: 'in-preparation', failedBranchVotes: [...d.failedBranchVotes, event.data] };
    case 'BranchResolutionAdopted':
      return { ...next, stage: 'proposed', branchResolution: event.data };
    case 'CommitteeResolutionAdopted':
      return { ...next, stage: 'awaiting-decision', committeeResolution: event.data };
    case 'AdmissionDecided':
      return { ...next, stage: 'admitted', admission: event.data, partyAgeFrom: event.data.decidedOn };
    case 'AdmissionRefused':
      return { ...next, stage: 'refused', admission: event.data, closedOn: event.data.decidedOn };
    case 'DecisionDeadlineExtended':
      return { ...next, extensions: { ...d.extensions, [event.data.obligation]: event.data } };
    case 'CeremonyDelayApproved':
      return { ...next, ceremonyDelay: event.data };
    case 'CeremonyHeld': {
      const end = probationEnd(event.data.heldOn, event.data.ruleSet);
      return { ...next, stage: 'probation', ceremony: event.data, probationEndsOn: end };
    }
    case 'RecognitionReviewed':
      return { ...next, stage: 'awaiting-recognition', recognitionReview: event.data };
    case 'RecognitionDecided':
      return { ...next, stage: 'official', recognitionDecision: event.data, officialSince: d.probationEndsOn, closedOn: event.data.decidedOn };
    case 'MembershipRemoved':
      return { ...next, stage: 'removed', recognitionDecision: event.data, closedOn: event.data.decidedOn };
    case 'CandidateWithdrawn':
      return { ...next, stage: 'withdrawn', withdrawal: event.data, closedOn: event.data.withdrawnOn };
    default:
      return exhaustive(event, d);
  }
}

/** Everything the steps say, from the first step on: how corrections reach the derived facts. */
export const deriveAll = (records: readonly StepRecord[]): DerivedDossier =>
  records.reduce((d, r) => applyStep(d, r.event), emptyDerived());
