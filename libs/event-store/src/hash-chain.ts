import { hash } from 'node:crypto';
import type { EventEnvelope } from './event-store.port';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level and no white space: one text for one value. Data whose
 * objects already list their keys in sorted order (what parsing a stored canonical text gives, unless
 * a key looks like an array index) is written by `JSON.stringify` in one native pass.
 */
export function canonicalJson(value: unknown): string {
  if (inCanonicalOrder(value)) return JSON.stringify(value);
  const copy = sortedCopy(value);
  return copy === NOT_PLAIN ? sortedJson(value) : JSON.stringify(copy);
}

const NOT_PLAIN = Symbol('not plain data');

/**
 * Plain data (what {@link inCanonicalOrder} accepts, keys in any order) copied with every object's keys
 * inserted in sorted order, for `JSON.stringify` to write in one native pass: cheaper than building the
 * text key by key, which matters on every append of data written by code (keys in declaration order).
 * {@link NOT_PLAIN} for anything else, for keys that look like array indexes, which JavaScript
 * enumerates first whatever the insertion order, and for the key `__proto__`.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      // A hole or an `undefined` item: the key-by-key definition has its own way of writing them.
      if (!(i in value) || value[i] === undefined) return NOT_PLAIN;
      const item = sortedCopy(value[i]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      items[i] = item;
    }
    return items;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  const keys = Object.keys(value).sort();
  // An ordinary object, which V8 writes out faster than one without a prototype; a key `__proto__`
  // would set its prototype instead.
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const code = key.charCodeAt(0);
    if ((code >= 48 && code <= 57) || key === '__proto__') return NOT_PLAIN;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    const copied = sortedCopy(item);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = copied;
  }
  return copy;
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
  return hash('sha256', prevHash + body, 'hex');
}
