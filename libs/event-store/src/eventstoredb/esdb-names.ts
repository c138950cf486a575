import { createHash } from 'node:crypto';

/**
 * Where ketnap's streams live in an EventStoreDB: `<prefix>-<streamId>` for the event streams, so
 * that one server-side prefix filter on `$all` reads ketnap's log and nothing else (no system
 * stream starts with it, as they start with `$`), and `<prefix>.commands-<commandId>` for the
 * idempotency records, which the filter leaves out. The prefix has no `-` or `.`, so the
 * deployments under two prefixes never read each other's streams.
 */
const PREFIX = /^[A-Za-z0-9_]{1,64}$/;

export const DEFAULT_PREFIX = 'ketnap';

/** @throws Error naming the rule when the prefix could overlap another deployment's streams */
export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix)) {
    throw new Error(`EventStoreDB stream prefix ${JSON.stringify(prefix)}: letters, digits or '_', at most 64`);
  }
  return prefix;
}

/** The start every ketnap event stream's name has: the server-side filter on `$all`. */
export const logStreamPrefix = (prefix: string): string => `${prefix}-`;

export const streamNameOf = (prefix: string, streamId: string): string => `${logStreamPrefix(prefix)}${streamId}`;

/** True for the streams of ketnap's log under `prefix` (what the server-side filter lets through). */
export const isLogStream = (prefix: string, streamName: string): boolean =>
  streamName.startsWith(logStreamPrefix(prefix));

/** The ketnap stream id of a stream name, or the name itself when it is not one of `prefix`'s. */
export const streamIdOf = (prefix: string, streamName: string): string =>
  isLogStream(prefix, streamName) ? streamName.slice(logStreamPrefix(prefix).length) : streamName;

export const commandStreamOf = (prefix: string, commandId: string): string => `${prefix}.commands-${commandId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * EventStoreDB takes only UUIDs as event ids; ketnap's are UUIDs unless a caller chose another
 * text. A lower-case UUID is used as it is; any other id becomes a name-based UUID (SHA-256,
 * version 8), the same for the same id, so the server's own duplicate check still applies. The
 * envelope's `eventId` itself is kept in the event's metadata.
 */
export function esdbEventIdOf(eventId: string): string {
  if (UUID.test(eventId)) return eventId;
  const h = createHash('sha256').update(eventId).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
