import {
  LEGAL_DATE_FIELD,
  addMonths,
  ruleSetById,
  type LocalDate,
  type Stage,
  type StepCorrected,
  type StepEventType,
} from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';

const PREFIX = 'dossier-';

export const isDossierStream = (streamId: string): boolean => streamId.startsWith(PREFIX);

/** The dossier id of a dossier stream (`dossier-<id>`), or `undefined` for any other stream. */
export const dossierIdOf = (streamId: string): string | undefined =>
  streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;

/**
 * The stage a step event leaves the dossier in, `null` for the side steps (extension, ceremony-delay
 * approval) that leave it unchanged. The same mapping as the domain's `stepInto`; a correction never
 * changes the kind of step, so it never changes the stage.
 */
export const STAGE_AFTER: Readonly<Record<StepEventType, Stage | null>> = {
  CandidateNominated: 'nominated',
  HelpersAssigned: 'in-preparation',
  TrainingCompleted: 'in-preparation',
  ApplicationSubmitted: 'in-preparation',
  BackgroundVerified: 'in-preparation',
  IntroducersRecorded: 'in-preparation',
  OpinionsCollected: 'in-preparation',
  BranchVoteFailed: 'in-preparation',
  BranchResolutionAdopted: 'proposed',
  CommitteeResolutionAdopted: 'awaiting-decision',
  AdmissionDecided: 'admitted',
  AdmissionRefused: 'refused',
  DecisionDeadlineExtended: null,
  CeremonyHeld: 'probation',
  CeremonyDelayApproved: null,
  RecognitionReviewed: 'awaiting-recognition',
  RecognitionDecided: 'official',
  MembershipRemoved: 'removed',
  CandidateWithdrawn: 'withdrawn',
};

export const isStepEvent = (type: string): type is StepEventType =>
  Object.prototype.hasOwnProperty.call(STAGE_AFTER, type);

/** Party Charter Art. 5.1: probation ends 12 months (the rule set's figure) after the ceremony. */
export function probationEndOf(heldOn: LocalDate, ruleSet: string | undefined): LocalDate {
  return addMonths(heldOn, ruleSetById(ruleSet)?.parameters.probationMonths ?? 12);
}

/** The legal date of a step event (its `LEGAL_DATE_FIELD`). */
export function stepDateOf(event: EventEnvelope): LocalDate | undefined {
  const field = (LEGAL_DATE_FIELD as Record<string, string>)[event.type];
  const value = field === undefined ? undefined : (event.data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** What a correction says about fields of the step it targets: the new value, or `undefined` when unchanged. */
export function correctedField<T = string>(correction: StepCorrected['data'], field: string): T | null | undefined {
  return Object.prototype.hasOwnProperty.call(correction.changes, field)
    ? ((correction.changes[field] ?? null) as T | null)
    : undefined;
}

/** The corrected legal date of the targeted step, when the correction changes it. */
export function correctedStepDate(correction: StepCorrected['data']): LocalDate | undefined {
  const value = correctedField(correction, LEGAL_DATE_FIELD[correction.targetType]);
  return typeof value === 'string' ? value : undefined;
}
