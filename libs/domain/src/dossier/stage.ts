import { compareDates, type LocalDate } from '../time/local-date';
import type { StepEventType } from './events';
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
  'refused',
  'withdrawn',
] as const;

export type Stage = (typeof STAGES)[number];

/** Stages that end the dossier: nothing but corrections and deadline records may follow. */
export const TERMINAL_STAGES: readonly Stage[] = ['official', 'removed', 'refused', 'withdrawn'];

export const isTerminal = (stage: Stage | undefined): boolean => stage !== undefined && TERMINAL_STAGES.includes(stage);

/**
 * The stage a step leaves the dossier in (API.md stages), `null` for the side steps that leave it
 * unchanged (an extension, a ceremony-delay approval). A failed branch vote keeps the dossier
 * `in-preparation`; `probation` turns into `recognition-review` by date (`stageOn`). A correction
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
