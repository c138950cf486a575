import { applyCorrection } from './apply-correction';
import { applyStep, deriveAll } from './derive';
import type { RecordedDossierEvent, StepCorrected, StepEvent } from './events';
import { exhaustive } from './exhaustive';
import type { DossierState, StepRecord } from './state';

function correct(state: DossierState, eventId: string, correction: StepCorrected['data']): DossierState {
  const index = state.records.findIndex((r) => r.eventId === correction.eventId);
  if (index < 0) return state;
  const target = state.records[index];
  const corrected: StepRecord = { ...target, event: applyCorrection(target.event, correction), correctedBy: [...target.correctedBy, eventId] };
  const records = state.records.map((r, i) => (i === index ? corrected : r));
  const fields = [...Object.keys(correction.changes), ...Object.keys(correction.personal ?? {}).map((f) => `candidate.${f}`)];
  const record = { eventId, targetEventId: correction.eventId, correctedOn: correction.correctedOn, reason: correction.reason, fields };
  return { ...state, ...deriveAll(records), records, corrections: [...state.corrections, record] };
}

/**
 * Folds one recorded event into the dossier. Pure: the same events always give the same state. A
 * correction replaces fields of the step it targets and every derived fact is recomputed from the
 * corrected steps.
 */
export function evolve(state: DossierState, recorded: RecordedDossierEvent): DossierState {
  const { eventId, recordedAt } = recorded;
  switch (recorded.type) {
    case 'StepCorrected':
      return correct(state, eventId, recorded.data);
    case 'DeadlineBreached': {
      const { obligation, dueOn, breachedOn, workingDaysLate } = recorded.data;
      return { ...state, breaches: [...state.breaches, { eventId, obligation, dueOn, breachedOn, workingDaysLate }] };
    }
    case 'DeadlineBreachWithdrawn': {
      const { obligation, dueOn, withdrawnOn, reason } = recorded.data;
      const breaches = state.breaches.map((b) =>
        b.obligation === obligation && b.dueOn === dueOn && !b.withdrawn ? { ...b, withdrawn: { withdrawnOn, reason } } : b,
      );
      return { ...state, breaches };
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
    case 'AdmissionDecided':
    case 'AdmissionRefused':
    case 'DecisionDeadlineExtended':
    case 'CeremonyHeld':
    case 'CeremonyDelayApproved':
    case 'RecognitionReviewed':
    case 'RecognitionDecided':
    case 'MembershipRemoved':
    case 'CandidateWithdrawn': {
      const event = { type: recorded.type, data: recorded.data } as StepEvent;
      const record: StepRecord = { eventId, ...(recordedAt !== undefined && { recordedAt }), event, correctedBy: [] };
      const next = applyStep(state, event);
      next.exists = true;
      next.records = [...state.records, record];
      return next;
    }
    default:
      return exhaustive(recorded, state);
  }
}
