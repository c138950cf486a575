import { randomUUID } from 'node:crypto';
import { ConcurrencyError, InvalidAppendError } from './errors';
import type { EventEnvelope, ExpectedVersion, NewEvent } from './event-store.port';
import { canonicalJson, hashOfCanonical } from './hash-chain';

/** Stream ids are opaque and carry no personal data: `dossier-<uuid>`, `inspection-case-<id>`, … */
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function assertAppendable(streamId: string, events: NewEvent[]): void {
  if (!STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(
      `invalid stream id ${JSON.stringify(streamId)}: letters, digits, '.', '_' or '-', at most 200`,
    );
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

/** One event ready to store: its data and metadata as canonical JSON text, hashed and chained. */
export interface SealedEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  dataJson: string;
  metadataJson: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * Seals the events of one append, chained to the stream's last hash. Objects are written out field by
 * field: V8 copies `{ ...a, b }` slowly, a few microseconds an event.
 */
export function sealEvents(
  streamId: string,
  events: NewEvent[],
  head: { version: number; hash: string },
  recordedAt: string,
  commandId: string | undefined,
): SealedEvent[] {
  const sealed = new Array<SealedEvent>(events.length);
  let prevHash = head.hash;
  // The events of one command usually carry the same metadata: written out once.
  let lastMetadata: NewEvent['metadata'] | null = null;
  let metadataJson = '';
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index];
    const eventId = event.eventId ?? randomUUID();
    const streamVersion = head.version + index + 1;
    const schemaVersion = event.schemaVersion ?? 1;
    const dataJson = canonicalJson(event.data ?? null);
    if (index === 0 || !shallowEqual(event.metadata, lastMetadata)) {
      lastMetadata = event.metadata;
      metadataJson = storedMetadataJson(event.metadata, recordedAt, commandId);
    }
    const hash = hashOfCanonical(
      prevHash,
      { eventId, streamId, streamVersion, type: event.type, schemaVersion },
      dataJson,
      metadataJson,
    );
    sealed[index] = {
      eventId,
      streamId,
      streamVersion,
      type: event.type,
      schemaVersion,
      dataJson,
      metadataJson,
      recordedAt,
      prevHash,
      hash,
    };
    prevHash = hash;
  }
  return sealed;
}

/** The metadata as stored: the caller's, with the time of the append and the command id. */
function storedMetadataJson(metadata: NewEvent['metadata'], recordedAt: string, commandId: string | undefined): string {
  const stored: Record<string, unknown> = { ...metadata };
  stored.recordedAt = recordedAt;
  stored.commandId = commandId;
  return canonicalJson(stored);
}

/** Same keys in the same order with the same values (`===`): what canonical JSON writes the same. */
function shallowEqual(a: object | null | undefined, b: object | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  if (keys.length !== others.length) return false;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    if (key !== others[i] || (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  }
  return true;
}

/** The envelope of a sealed event once the log has given it a position. */
export function toEnvelope(sealed: SealedEvent, globalPosition: number): EventEnvelope {
  return {
    eventId: sealed.eventId,
    streamId: sealed.streamId,
    streamVersion: sealed.streamVersion,
    globalPosition,
    type: sealed.type,
    schemaVersion: sealed.schemaVersion,
    data: JSON.parse(sealed.dataJson),
    metadata: JSON.parse(sealed.metadataJson),
    prevHash: sealed.prevHash,
    hash: sealed.hash,
  };
}

/** Stored JSON text as a value; text that no longer parses is returned as it is, so `verify` reports it instead of failing. */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
