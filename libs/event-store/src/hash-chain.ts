import { createHash } from 'node:crypto';
import type { EventEnvelope } from './event-store.port';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and no white space: one text for one value. Data whose
 * objects already list their keys in sorted order (what parsing a stored canonical text gives, unless
 * a key looks like an array index) is written by `JSON.stringify` in one native pass.
 */
export function canonicalJson(value: unknown): string {
  return inCanonicalOrder(value) ? JSON.stringify(value) : sortedJson(value);
}

/**
 * True when `JSON.stringify(value)` is the canonical text: strings, numbers, booleans, null, arrays
 * of them and objects without `toJSON` whose keys are in sorted order, all the way down.
 */
function inCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return true;
  }
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    // A hole or an `undefined` item is not plain data either: the definition writes it as `null`.
    for (let i = 0; i < value.length; i += 1) if (!inCanonicalOrder(value[i])) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    if (i > 0 && !(keys[i - 1] < keys[i])) return false;
    const item = (value as Record<string, unknown>)[keys[i]];
    if (item !== undefined && !inCanonicalOrder(item)) return false;
  }
  return true;
}

/** The canonical text built key by key, sorting each object's keys. */
function sortedJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
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

type Hashed = Pick<
  EventEnvelope,
  'eventId' | 'streamId' | 'streamVersion' | 'type' | 'schemaVersion' | 'data' | 'metadata'
>;

/**
 * `sha256(prevHash ‖ canonical JSON of the immutable fields)`. The global position is left out: it
 * is assigned by the log, and some stores only know it after the commit.
 */
export function eventHash(prevHash: string, event: Hashed): string {
  return hashOfCanonical(prevHash, event, canonicalJson(event.data), canonicalJson(event.metadata));
}

/**
 * The same hash from the canonical texts of `data` and `metadata`, which the SQL adapters store as
 * they are: the object is written out with its keys in sorted order, as {@link canonicalJson} would.
 */
export function hashOfCanonical(
  prevHash: string,
  event: Omit<Hashed, 'data' | 'metadata'>,
  dataJson: string,
  metadataJson: string,
): string {
  const body =
    `{"data":${dataJson},"eventId":${JSON.stringify(event.eventId)},"metadata":${metadataJson},` +
    `"schemaVersion":${JSON.stringify(event.schemaVersion)},"streamId":${JSON.stringify(event.streamId)},` +
    `"streamVersion":${JSON.stringify(event.streamVersion)},"type":${JSON.stringify(event.type)}}`;
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}
