import { randomUUID } from 'node:crypto';
import { ConcurrencyError, InvalidAppendError } from './errors';
import type { EventEnvelope, ExpectedVersion, NewEvent } from './event-store.port';
import { eventHash } from './hash-chain';

/** Stream ids are opaque and carry no personal data: `dossier-<uuid>`, `inspection-case-<id>`, … */
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function assertAppendable(streamId: string, events: NewEvent[]): void {
  if (!STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(`invalid stream id ${JSON.stringify(streamId)}: letters, digits, '.', '_' or '-', at most 200`);
  }
  if (events.length === 0) throw new InvalidAppendError(`nothing to append to ${streamId}`);
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`an event for ${streamId} has no type`);
    }
  }
}

/** Throws a {@link ConcurrencyError} unless a stream at `actual` satisfies `expected`. */
export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && actual === null) ||
    (typeof expected === 'number' && expected === (actual ?? 0));
  if (!ok) throw new ConcurrencyError(streamId, expected, actual);
}

/**
 * Builds the envelopes of one append, chained to the stream's last hash. `globalPosition` is left
 * at 0 for the adapter to fill in.
 */
export function sealEvents(
  streamId: string,
  events: NewEvent[],
  head: { version: number; hash: string },
  recordedAt: string,
  commandId: string | undefined,
): EventEnvelope[] {
  let prevHash = head.hash;
  return events.map((event, index) => {
    const sealed: EventEnvelope = {
      eventId: event.eventId ?? randomUUID(),
      streamId,
      streamVersion: head.version + index + 1,
      globalPosition: 0,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      // Through JSON once, so what is hashed is exactly what every adapter stores and returns.
      data: JSON.parse(JSON.stringify(event.data ?? null)),
      metadata: JSON.parse(JSON.stringify({ ...event.metadata, recordedAt, commandId })),
      prevHash,
      hash: '',
    };
    sealed.hash = eventHash(prevHash, sealed);
    prevHash = sealed.hash;
    return sealed;
  });
}
