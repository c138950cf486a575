import { createHash } from 'node:crypto';
import type { EventEnvelope } from './event-store.port';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level and no white space: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  }
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

type Hashed = Pick<EventEnvelope, 'eventId' | 'streamId' | 'streamVersion' | 'type' | 'schemaVersion' | 'data' | 'metadata'>;

/**
 * `sha256(prevHash ‖ canonical JSON of the immutable fields)`. The global position is left out: it
 * is assigned by the log, and some stores only know it after the commit.
 */
export function eventHash(prevHash: string, event: Hashed): string {
  const body = canonicalJson({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}
