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

/**
 * The lowest global position among the events after `checkpoint` (those a consumer at that checkpoint
 * has not handled: on PostgreSQL a lower position may come after a higher one in log order), or
 * `Infinity` when there is none. A page held back by a transaction still open may hide any position:
 * 0 then. Stops reading once it is at or below `bound` (the lowest position a caller waits for: none
 * is ready then). "Has a consumer handled every event up to position p?" is `lowest > p`.
 */
export async function lowestPositionAfter(
  store: Pick<EventStore, 'readAll'>,
  checkpoint: LogCheckpoint,
  bound: number,
  pageSize = 1000,
): Promise<number> {
  let lowest = Infinity;
  for (let after = checkpoint; lowest > bound;) {
    const page = await store.readAll({ after, limit: pageSize });
    for (const e of page.events) lowest = Math.min(lowest, e.globalPosition);
    if (page.isEnd) break;
    if (page.events.length === 0) return 0;
    after = page.checkpoint;
  }
  return lowest;
}
