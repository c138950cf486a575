import { fieldOf } from '../events/event-data';
import { compareDates, type LocalDate } from '../time/local-date';
import type { StepEvent, StepEventType } from './events';
import type { DossierState } from './state';

/** The stages of API.md, in procedure order. */
export const STAGES = [
  'nominated',
  'in-preparation',
  'proposed',
  'awaiting-decision',
  'admitted',
  'probation',
  'recognition-review',
  'awaiting-recognition',
  'official',
  'removed',
  'ended',
  'refused',
  'withdrawn',
] as const;

export type Stage = (typeof STAGES)[number];

/** Stages that end the dossier: nothing but corrections and deadline records may follow. */
export const TERMINAL_STAGES: readonly Stage[] = ['official', 'removed', 'ended', 'refused', 'withdrawn'];

export const isTerminal = (stage: Stage | undefined): boolean => stage !== undefined && TERMINAL_STAGES.includes(stage);

/**
 * The stage a step leaves the dossier in (API.md stages), `null` for the side steps that leave it
 * unchanged (an extension, a ceremony-delay approval, a transfer, the steps of probation). A failed
 * vote keeps the stage the dossier was in; a membership ended during probation: see `stageAfter`; `probation` turns into `recognition-review` by date (`stageOn`). A correction
 * never changes the kind of step, so it never changes the stage.
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
  CommitteeVoteFailed: 'proposed',
  AdmissionDecided: 'admitted',
  AdmissionRefused: 'refused',
  DecisionDeadlineExtended: null,
  CeremonyHeld: 'probation',
  CeremonyDelayApproved: null,
  RecognitionReviewed: 'awaiting-recognition',
  RecognitionReviewFailed: 'probation',
  RecognitionResolutionAdopted: 'awaiting-recognition',
  RecognitionResolutionFailed: 'awaiting-recognition',
  RecognitionDecided: 'official',
  MembershipRemoved: 'removed',
  ProbationHelpersAssigned: null,
  MemberProfileFiled: null,
  NewMemberClassCompleted: null,
  DossierTransferred: null,
  MembershipEnded: 'ended',
  CandidateWithdrawn: 'withdrawn',
};

/**
 * The stage an event leaves the dossier in: `STAGE_AFTER` of its type, except a membership ended
 * during probation, whose stage follows its reason (`removed` for xóa tên, `ended` otherwise).
 */
export function stageAfter(event: Pick<StepEvent, 'type' | 'data'>): Stage | null {
  if (event.type === 'MembershipEnded') return fieldOf(event, 'reason') === 'removed' ? 'removed' : 'ended';
  return STAGE_AFTER[event.type];
}

/**
 * The stage on a given day. Events alone cannot tell when probation is over, so a dossier in
 * `probation` is in `recognition-review` from the day after its probation ends (ceremony + 12 months).
 */
export function stageOn(state: DossierState, date: LocalDate): Stage | undefined {
  if (
    state.stage === 'probation' &&
    state.probationEndsOn !== undefined &&
    compareDates(date, state.probationEndsOn) > 0
  ) {
    return 'recognition-review';
  }
  return state.stage;
}
