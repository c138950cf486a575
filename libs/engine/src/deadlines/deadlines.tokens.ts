/** Symbol token of the {@link DeadlinesBoard} (the deadlines read model's queries). */
export const DEADLINES_BOARD = Symbol('DEADLINES_BOARD');

/** Symbol token of the embedded timer scheduler's database (`<data dir>/timers.db`, better-sqlite3). */
export const DEADLINES_DB = Symbol('DEADLINES_DB');

/** Symbol token of what waits for the read models to reach a log position (the read-models host). */
export const READ_MODELS_SYNC = Symbol('READ_MODELS_SYNC');

export interface ReadModelsSync {
  /** Resolves once every read model has applied the log up to `position` (default: the head now). */
  caughtUp(position?: number): Promise<void>;
}
