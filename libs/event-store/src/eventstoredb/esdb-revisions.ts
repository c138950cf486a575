import type { AppendExpectedRevision, ExpectedRevision } from '@eventstore/db-client';
import { InvalidAppendError } from '../errors';
import type { ExpectedVersion } from '../event-store.port';

/**
 * Ketnap counts a stream's events from 1 (its version is how many it holds); EventStoreDB numbers
 * them from 0 (a revision is the last event's number). A stream at version n is at revision n - 1,
 * and version 0 (nothing yet) is EventStoreDB's `no_stream`.
 */
export function expectedRevisionOf(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return 'any';
  if (expected === 'no-stream' || expected === 0) return 'no_stream';
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidAppendError(
      `expected version ${String(expected)}: a whole number of events, 'no-stream' or 'any'`,
    );
  }
  return BigInt(expected - 1);
}

/** The other way: what a revision EventStoreDB expected means as a ketnap expected version. */
export function expectedVersionOf(revision: ExpectedRevision): ExpectedVersion {
  if (revision === 'any') return 'any';
  if (revision === 'no_stream') return 'no-stream';
  return versionOfRevision(revision);
}

/** A stream's version from its revision (its last event's number); `null` for a stream that does not exist. */
export function versionOfRevision(revision: bigint): number;
export function versionOfRevision(revision: bigint | 'no_stream'): number | null;
export function versionOfRevision(revision: bigint | 'no_stream'): number | null {
  if (revision === 'no_stream') return null;
  const version = Number(revision) + 1;
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`not a stream revision: ${revision}`);
  return version;
}

/** The revision of a stream's event at a ketnap version, where a read starts. */
export function revisionOfVersion(version: number): bigint {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`not a stream version: ${version}`);
  return BigInt(version - 1);
}
