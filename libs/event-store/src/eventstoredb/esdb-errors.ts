import type { CurrentRevision } from '@eventstore/db-client';
import { ConcurrencyError, InvalidAppendError } from '../errors';
import type { ExpectedVersion } from '../event-store.port';
import { versionOfRevision } from './esdb-revisions';

/** Why EventStoreDB could not serve ketnap, as far as retrying or the operator is concerned. */
export type EventStoreDbFailure = 'access-denied' | 'unavailable' | 'stream-deleted' | 'unsupported';

/** EventStoreDB refused or could not be reached; the client's own error is the `cause`. */
export class EventStoreDbError extends Error {
  constructor(
    readonly reason: EventStoreDbFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventStoreDbError';
  }
}

/** The write an error interrupted, to name it in the error ketnap throws. */
export interface FailedOperation {
  /** What was being done, for the message: `appending to dossier-1`, `reading the log`. */
  doing: string;
  /** For an append: the stream and the version the caller expected, for a {@link ConcurrencyError}. */
  append?: { streamId: string; expected: ExpectedVersion };
}

/** The client's errors carry a `type` (its `ErrorType`); matching it works across module copies. */
const typeOf = (error: unknown): string | undefined =>
  error !== null && typeof error === 'object' && typeof (error as { type?: unknown }).type === 'string'
    ? (error as { type: string }).type
    : undefined;

/** A read of a stream that does not exist: `[]` or `null` to ketnap, not an error. */
export const isStreamNotFound = (error: unknown): boolean => typeOf(error) === 'stream-not-found';

/** A conditional append lost to another writer. */
export const isWrongExpectedVersion = (error: unknown): boolean => typeOf(error) === 'wrong-expected-version';

/**
 * The port's error for an error of the EventStoreDB client: a lost version race becomes the
 * {@link ConcurrencyError} naming the stream's actual version, an append over the server's size limit
 * an {@link InvalidAppendError}, and access, connection and deleted-stream failures an
 * {@link EventStoreDbError} that says what to check. Anything else is returned as it is.
 */
export function storeErrorOf(error: unknown, operation: FailedOperation): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const cause = { cause: error };
  switch (typeOf(error)) {
    case 'wrong-expected-version': {
      if (!operation.append) return error;
      const actual = (error as { actualVersion?: CurrentRevision }).actualVersion ?? 'no_stream';
      return new ConcurrencyError(operation.append.streamId, operation.append.expected, versionOfRevision(actual));
    }
    case 'maximum-append-size-exceeded':
      return new InvalidAppendError(
        `${operation.doing}: the events are larger than EventStoreDB accepts in one append (${message})`,
      );
    case 'access-denied':
      return new EventStoreDbError(
        'access-denied',
        `EventStoreDB refused ${operation.doing}: access denied; the user in EVENTSTORE_URL needs read and write access to ketnap's streams and read access to $all`,
        cause,
      );
    case 'unavailable':
    case 'deadline-exceeded':
    case 'timeout':
    case 'cancelled':
    case 'not-leader':
      return new EventStoreDbError(
        'unavailable',
        `EventStoreDB did not answer while ${operation.doing} (${typeOf(error)}: ${message}); check EVENTSTORE_URL and that the server (the cluster's leader) is up`,
        cause,
      );
    case 'stream-deleted':
      return new EventStoreDbError(
        'stream-deleted',
        `${operation.doing}: the stream was deleted in EventStoreDB, outside ketnap; its events are gone`,
        cause,
      );
    case 'unsupported':
      return new EventStoreDbError('unsupported', `${operation.doing}: ${message}`, cause);
    default:
      return error;
  }
}
