import type { LocalDate, ObligationCode } from '@ketnap/domain';

/** What set the saga to work on a dossier: a new event in the log, a timer, or the sweep. */
export type SagaCause = 'log' | 'timer' | 'sweep';

/** Optional token: test points inside the saga (a crash test pauses there, then kills the process). */
export const SAGA_HOOKS = Symbol('SAGA_HOOKS');

export interface SagaHooks {
  /** Called after the breach is on the dossier and before its inspection case is opened. */
  beforeCaseOpened?(at: {
    dossierId: string;
    obligation: ObligationCode;
    dueOn: LocalDate;
    cause: SagaCause;
  }): Promise<void>;
}
