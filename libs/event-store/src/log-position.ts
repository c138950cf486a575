import { LOG_START, type EventEnvelope, type EventStore, type LogCheckpoint } from './event-store.port';

/**
 * Checkpoints of the stores whose global position is the commit order (memory, SQLite): the
 * position of the last event read, as decimal text.
 */
export function encodePosition(position: number): LogCheckpoint {
  return String(position);
}

/** Adapters whose global position is the commit order, so that `encodePosition` names a place in their log. */
const POSITION_ORDERED_STORES: ReadonlySet<string> = new Set(['memory', 'sqlite']);

/**
 * True when reading the log after a global position reads everything committed after it. PostgreSQL commits
 * concurrent writers out of position order and EventStoreDB has its own positions: their logs are read from
 * their own checkpoints only.
 */
export const positionIsCommitOrder = (store: Pick<EventStore, 'name'>): boolean =>
  POSITION_ORDERED_STORES.has(store.name);

export function decodePosition(checkpoint: LogCheckpoint): number {
  if (checkpoint === LOG_START) return 0;
  const position = Number(checkpoint);
  if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`not a log checkpoint: ${checkpoint}`);
  return position;
}

/** `EventStore.compareCheckpoints` of the stores whose checkpoint is the position (memory, SQLite). */
export function comparePositionCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  return Math.sign(decodePosition(a) - decodePosition(b));
}

/** True when the event was recorded at or before `upTo` (or no bound is given). */
export function inRecordedRange(event: EventEnvelope, upTo: Date | string | undefined): boolean {
  if (upTo === undefined) return true;
  return Date.parse(event.metadata.recordedAt) <= new Date(upTo).getTime();
}
