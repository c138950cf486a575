import { applyCorrection } from './apply-correction';
import { deriveAll, stepInto } from './derive';
import type { RecordedDossierEvent, StepCorrected } from './events';
import { exhaustive } from './exhaustive';
import type { DossierState, StepRecord } from './state';

/**
 * Folds one recorded event into the dossier. Pure: the same events always give the same state. A
 * correction replaces fields of the step it targets and every derived fact is recomputed from the
 * corrected steps.
 */
export function evolve(state: DossierState, recorded: RecordedDossierEvent): DossierState {
  const next = copyOf(state);
  return foldInto(next, recorded) ? next : state;
}

/**
 * Folds events in order: the state `evolve` gives one event after the other, with one copy of the
 * state for all of them (a rebuild folds millions). Pure: `state` is left as it was.
 */
export function evolveAll(state: DossierState, events: readonly RecordedDossierEvent[]): DossierState {
  const next = copyOf(state);
  for (const recorded of events) foldInto(next, recorded);
  return next;
}

const copyOf = (state: DossierState): DossierState => ({
  ...state,
  records: [...state.records],
  corrections: [...state.corrections],
  breaches: [...state.breaches],
});

/**
 * Writes one event into `next`, a copy only this fold holds (its arrays too); false when the event
 * changes nothing (a correction of an unknown step, an event type of a newer version). Nested values
 * are replaced, never changed: they may be shared with earlier states.
 */
function foldInto(next: DossierState, recorded: RecordedDossierEvent): boolean {
  const { eventId, recordedAt } = recorded;
  switch (recorded.type) {
    case 'StepCorrected':
      return correct(next, eventId, recorded.data);
    case 'DeadlineBreached': {
      const { obligation, dueOn, breachedOn, workingDaysLate } = recorded.data;
      next.breaches.push({ eventId, obligation, dueOn, breachedOn, workingDaysLate });
      return true;
    }
    case 'DeadlineBreachWithdrawn': {
      const { obligation, dueOn, withdrawnOn, reason } = recorded.data;
      next.breaches.forEach((b, i) => {
        if (b.obligation === obligation && b.dueOn === dueOn && !b.withdrawn)
          next.breaches[i] = { ...b, withdrawn: { withdrawnOn, reason } };
      });
      return true;
    }
    case 'CandidateNominated':
    case 'HelpersAssigned':
    case 'TrainingCompleted':
    case 'ApplicationSubmitted':
    case 'BackgroundVerified':
    case 'IntroducersRecorded':
    case 'OpinionsCollected':
    case 'BranchResolutionAdopted':
    case 'BranchVoteFailed':
    case 'CommitteeResolutionAdopted':
    case 'CommitteeVoteFailed':
    case 'AdmissionDecided':
    case 'AdmissionRefused':
    case 'DecisionDeadlineExtended':
    case 'CeremonyHeld':
    case 'CeremonyDelayApproved':
    case 'RecognitionReviewed':
    case 'RecognitionReviewFailed':
    case 'RecognitionResolutionAdopted':
    case 'RecognitionResolutionFailed':
    case 'RecognitionDecided':
    case 'MembershipRemoved':
    case 'ProbationHelpersAssigned':
    case 'MemberProfileFiled':
    case 'NewMemberClassCompleted':
    case 'DossierTransferred':
    case 'MembershipEnded':
    case 'CandidateWithdrawn': {
      stepInto(next, next, recorded);
      next.exists = true;
      next.records.push({ eventId, ...(recordedAt !== undefined && { recordedAt }), event: recorded, correctedBy: [] });
      return true;
    }
    default:
      return exhaustive(recorded, false);
  }
}

function correct(next: DossierState, eventId: string, correction: StepCorrected['data']): boolean {
  const index = next.records.findIndex((r) => r.eventId === correction.eventId);
  if (index < 0) return false;
  const target = next.records[index];
  const corrected: StepRecord = {
    ...target,
    event: applyCorrection(target.event, correction),
    correctedBy: [...target.correctedBy, eventId],
  };
  next.records[index] = corrected;
  Object.assign(next, deriveAll(next.records));
  const fields = [
    ...Object.keys(correction.changes),
    ...Object.keys(correction.personal ?? {}).map((f) => `candidate.${f}`),
  ];
  next.corrections.push({
    eventId,
    targetEventId: correction.eventId,
    correctedOn: correction.correctedOn,
    reason: correction.reason,
    fields,
  });
  return true;
}
