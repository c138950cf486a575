import type { ExpectedVersion } from './event-store.port';

/** The stream was not at the version the writer expected; nothing was appended. */
export class ConcurrencyError extends Error {
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's actual version, `null` when it does not exist. */
    readonly actual: number | null,
  ) {
    super(
      `stream ${streamId}: expected version ${String(expected)}, but it is ${actual === null ? 'not created yet' : `at version ${actual}`}`,
    );
    this.name = 'ConcurrencyError';
  }
}

/** The store's files were written by a newer ketnap, or are not a ketnap store. */
export class StoreSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSchemaError';
  }
}

/** An append that could never succeed (an empty batch, a bad stream id). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
