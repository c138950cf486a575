import type { Position } from '@eventstore/db-client';
import { LOG_START, type EventEnvelope, type LogCheckpoint, type LogPage } from '../event-store.port';

/**
 * An event's `globalPosition` in EventStoreDB: the prepare position of its record in the server's
 * transaction log, plus one. The events of one append share their commit position, while each has
 * its own prepare position; and as the server writes an append's records one after another, the
 * prepare position grows along `$all` (ketnap never uses the TCP-era explicit transactions that could
 * interleave). The `+ 1` keeps 0 for "before the first event". The positions are sparse (byte
 * offsets): they order the log and identify an event, but they do not count events. A number is safe
 * up to 2^53 bytes of log (8 PiB).
 */
export function globalPositionOf(position: Position): number {
  const value = Number(position.prepare) + 1;
  if (!Number.isSafeInteger(value) || position.prepare < 0n) {
    throw new RangeError(`EventStoreDB prepare position ${position.prepare} is beyond a safe integer`);
  }
  return value;
}

/** Orders two places in `$all` as the server does: commit position, then prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** The start of the log, where a read with no checkpoint begins. */
export type LogStart = 'start';

const CHECKPOINT = /^(0|[1-9][0-9]{0,19})\/(0|[1-9][0-9]{0,19})$/;

/**
 * A checkpoint in an EventStoreDB log is the `$all` position of the last event read,
 * `<commit>/<prepare>` in decimal: both are needed to resume a read there. It is no ketnap position,
 * so a checkpoint taken on another store is refused rather than misread.
 */
export function encodeCheckpoint(position: Position): LogCheckpoint {
  return `${position.commit}/${position.prepare}`;
}

/** @throws RangeError for text that is not `'start'` or `<commit>/<prepare>` */
export function decodeCheckpoint(checkpoint: LogCheckpoint): Position | LogStart {
  if (checkpoint === LOG_START) return 'start';
  const match = CHECKPOINT.exec(checkpoint);
  if (!match) {
    throw new RangeError(`not an EventStoreDB log checkpoint: ${checkpoint} ('start' or '<commit>/<prepare>')`);
  }
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** An event of `$all` with its place there. */
export interface PlacedEvent {
  position: Position;
  envelope: EventEnvelope;
}

/**
 * How many events to ask `$all` for to make a page of `limit` after `after`: one more to know whether
 * the page ends the log, and one more when reading from a position, which the server may return
 * itself (a read from a position starts at it).
 */
export const readCountFor = (after: Position | LogStart, limit: number): number => limit + (after === 'start' ? 1 : 2);

/**
 * One page of the log from what a forward read of `$all` returned after `after`: the events past it
 * (the one at `after` itself left out), at most `limit`, and `isEnd` when the server ran out of events
 * before filling the read.
 */
export function pageAfter(
  read: PlacedEvent[],
  after: Position | LogStart,
  limit: number,
  checkpoint: LogCheckpoint,
): LogPage {
  const fresh = after === 'start' ? read : read.filter((e) => comparePositions(e.position, after) > 0);
  const taken = fresh.slice(0, limit);
  const checkpoints = taken.map((e) => encodeCheckpoint(e.position));
  return {
    events: taken.map((e) => e.envelope),
    checkpoint: checkpoints.at(-1) ?? checkpoint,
    checkpoints,
    isEnd: fresh.length <= limit && read.length < readCountFor(after, limit),
  };
}

/** `EventStore.compareCheckpoints` on EventStoreDB: by `$all` position, the start before all. */
export function compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  const x = decodeCheckpoint(a);
  const y = decodeCheckpoint(b);
  if (x === 'start' || y === 'start') return (x === 'start' ? 0 : 1) - (y === 'start' ? 0 : 1);
  return comparePositions(x, y);
}
