import type { RuleSetId } from '../rules/rule-sets';
import type { LocalDate } from '../time/local-date';
import { fieldOf } from '../events/event-data';
import type { DossierEvent, DossierEventType, StepCorrected } from './events';

/**
 * The field of each event's `data` that holds its legal date (the day the thing happened, which the
 * engine copies into the envelope as `occurredOn`).
 */
export const LEGAL_DATE_FIELD = {
  CandidateNominated: 'nominatedOn',
  HelpersAssigned: 'assignedOn',
  TrainingCompleted: 'issuedOn',
  ApplicationSubmitted: 'submittedOn',
  BackgroundVerified: 'completedOn',
  IntroducersRecorded: 'recordedOn',
  OpinionsCollected: 'collectedOn',
  BranchResolutionAdopted: 'meetingOn',
  BranchVoteFailed: 'meetingOn',
  CommitteeResolutionAdopted: 'adoptedOn',
  CommitteeVoteFailed: 'adoptedOn',
  AdmissionDecided: 'decidedOn',
  AdmissionRefused: 'decidedOn',
  DecisionDeadlineExtended: 'extendedOn',
  CeremonyHeld: 'heldOn',
  CeremonyDelayApproved: 'approvedOn',
  RecognitionReviewed: 'meetingOn',
  RecognitionReviewFailed: 'meetingOn',
  RecognitionResolutionAdopted: 'adoptedOn',
  RecognitionResolutionFailed: 'adoptedOn',
  ProbationHelpersAssigned: 'assignedOn',
  MemberProfileFiled: 'filedOn',
  NewMemberClassCompleted: 'issuedOn',
  DossierTransferred: 'transferredOn',
  MembershipEnded: 'endedOn',
  RecognitionDecided: 'decidedOn',
  MembershipRemoved: 'decidedOn',
  CandidateWithdrawn: 'withdrawnOn',
  StepCorrected: 'correctedOn',
  DeadlineBreached: 'breachedOn',
  DeadlineBreachWithdrawn: 'withdrawnOn',
  PersonalDataErased: 'erasedOn',
} as const satisfies Record<DossierEventType, string>;

/** The legal date of an event (envelope `occurredOn`). */
export function eventLegalDate(event: Pick<DossierEvent, 'type' | 'data'>): LocalDate | undefined {
  const field: string | undefined = LEGAL_DATE_FIELD[event.type];
  const value = field === undefined ? undefined : fieldOf(event, field);
  return typeof value === 'string' ? value : undefined;
}

/** The rule set in force on the event's legal date (envelope `ruleSet`). */
export function eventRuleSet(event: Pick<DossierEvent, 'data'>): RuleSetId | undefined {
  const value = fieldOf(event, 'ruleSet');
  return typeof value === 'string' ? value : undefined;
}

/**
 * The personal part of an event (DESIGN.md §3): the candidate's fields in the nomination, the names
 * and free text of the other steps that have any (`personal-part.ts`), a correction's reason and new
 * personal values. `undefined` for an event without one.
 */
export function eventPersonalData(event: DossierEvent): Record<string, unknown> | null | undefined {
  if (!('personal' in event.data)) return undefined;
  return event.data.personal === null ? null : { ...event.data.personal };
}

/**
 * The text a correction gives a field of the step it targets: `undefined` when it leaves the field
 * alone, `null` when it removes it.
 */
export function correctedText(correction: StepCorrected['data'], field: string): string | null | undefined {
  if (!Object.prototype.hasOwnProperty.call(correction.changes, field)) return undefined;
  const value = correction.changes[field];
  return typeof value === 'string' ? value : null;
}

/** The corrected legal date of the targeted step, when the correction changes it. */
export function correctedLegalDate(correction: StepCorrected['data']): LocalDate | undefined {
  return correctedText(correction, LEGAL_DATE_FIELD[correction.targetType]) ?? undefined;
}
