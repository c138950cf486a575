import { applyCorrection } from './apply-correction';
import { deriveAll, stepInto } from './derive';
import { withData } from '../events/event-data';
import type { PersonalDataErased, RecordedDossierEvent, StepCorrected } from './events';
import { exhaustive } from './exhaustive';
import type { DossierState, StepRecord } from './state';
import { RULE_SETS, type RuleSet } from '../rules/rule-sets';

/**
 * Folds one recorded event into the dossier. Pure: the same events (and rule sets) always give the
 * same state. A correction replaces fields of the step it targets and every derived fact is recomputed
 * from the corrected steps. The probation's length comes from the built-in rule sets: the engine folds
 * with `evolveWith` and the rule sets it loaded.
 */
export function evolve(state: DossierState, recorded: RecordedDossierEvent): DossierState {
  return evolveOne(state, recorded, RULE_SETS);
}

/** `evolve` with the rule sets the engine loaded (an operator's files included), for a fold or a `reduce`. */
export const evolveWith =
  (sets: readonly RuleSet[]) =>
  (state: DossierState, recorded: RecordedDossierEvent): DossierState =>
    evolveOne(state, recorded, sets);

function evolveOne(state: DossierState, recorded: RecordedDossierEvent, sets: readonly RuleSet[]): DossierState {
  const next = copyOf(state);
  return foldInto(next, recorded, sets) ? next : state;
}

/**
 * Folds events in order: the state `evolve` gives one event after the other, with one copy of the
 * state for all of them (a rebuild folds millions). Pure: `state` is left as it was.
 */
export function evolveAll(
  state: DossierState,
  events: readonly RecordedDossierEvent[],
  sets: readonly RuleSet[] = RULE_SETS,
): DossierState {
  const next = copyOf(state);
  for (const recorded of events) foldInto(next, recorded, sets);
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
function foldInto(next: DossierState, recorded: RecordedDossierEvent, sets: readonly RuleSet[]): boolean {
  const { eventId, recordedAt } = recorded;
  switch (recorded.type) {
    case 'StepCorrected':
      return correct(next, eventId, recorded.data, sets);
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
    case 'PersonalDataErased':
      erase(next, eventId, recorded.data, sets);
      return true;
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
      stepInto(next, next, recorded, sets);
      next.exists = true;
      next.records.push(
        recordedAt === undefined
          ? { eventId, event: recorded, correctedBy: [] }
          : { eventId, recordedAt, event: recorded, correctedBy: [] },
      );
      return true;
    }
    default:
      return exhaustive(recorded, false);
  }
}

/**
 * The erasure: from now on the store reads every personal part of the dossier as null (its key is
 * destroyed), so a state folded before it (kept in a cache) forgets them too, as a fold after it would.
 */
function erase(
  next: DossierState,
  eventId: string,
  erasure: PersonalDataErased['data'],
  sets: readonly RuleSet[],
): void {
  next.erasure = { ...erasure, eventId };
  next.records = next.records.map((r) =>
    'personal' in r.event.data && r.event.data.personal !== null
      ? { ...r, event: withData(r.event, { ...r.event.data, personal: null }) }
      : r,
  );
  next.corrections = next.corrections.map((c) => (c.reason === null ? c : { ...c, reason: null }));
  Object.assign(next, deriveAll(next.records, sets));
}

function correct(
  next: DossierState,
  eventId: string,
  correction: StepCorrected['data'],
  sets: readonly RuleSet[],
): boolean {
  const index = next.records.findIndex((r) => r.eventId === correction.eventId);
  if (index < 0) return false;
  const target = next.records[index];
  const corrected: StepRecord = {
    ...target,
    event: applyCorrection(target.event, correction),
    correctedBy: [...target.correctedBy, eventId],
  };
  next.records[index] = corrected;
  Object.assign(next, deriveAll(next.records, sets));
  // The fields as API.md names them: an introducers' list is stored in both parts, named once.
  const personal = Object.keys(correction.personal?.changes ?? {});
  const named = correction.targetType === 'CandidateNominated' ? personal.map((f) => `candidate.${f}`) : personal;
  const fields = [...new Set([...Object.keys(correction.changes), ...named])];
  next.corrections.push({
    eventId,
    targetEventId: correction.eventId,
    correctedOn: correction.correctedOn,
    reason: correction.personal?.reason ?? null,
    fields,
  });
  return true;
}
