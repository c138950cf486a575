import { compareDates, type LocalDate } from '../time/local-date';
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
