import type { EventEnvelope } from '../event-store.port';
import {
  compareCheckpoints,
  comparePositions,
  decodeCheckpoint,
  encodeCheckpoint,
  globalPositionOf,
  pageAfter,
  readCountFor,
  type PlacedEvent,
} from './esdb-positions';

const at = (commit: bigint, prepare: bigint = commit) => ({ commit, prepare });
/** Three appends as `$all` places them: one event, then two sharing a commit position, then one. */
const read: PlacedEvent[] = [at(100n), at(300n, 200n), at(300n, 250n), at(400n)].map((position) => ({
  position,
  envelope: { globalPosition: globalPositionOf(position) } as EventEnvelope,
}));

describe('EventStoreDB log positions', () => {
  it('numbers events by prepare position + 1: distinct within an append, growing along the log', () => {
    expect(read.map((e) => e.envelope.globalPosition)).toEqual([101, 201, 251, 401]);
    expect(globalPositionOf(at(0n))).toBe(1);
    expect(globalPositionOf(at(2n ** 53n - 2n))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => globalPositionOf(at(2n ** 53n))).toThrow(RangeError);
  });

  it('orders places as $all does: commit position, then prepare position', () => {
    expect(comparePositions(at(300n, 200n), at(300n, 250n))).toBe(-1);
    expect(comparePositions(at(400n), at(300n, 250n))).toBe(1);
    expect(comparePositions(at(300n, 250n), at(300n, 250n))).toBe(0);
  });

  it('keeps commit and prepare positions in a checkpoint, and reads them back', () => {
    expect(encodeCheckpoint(at(300n, 250n))).toBe('300/250');
    expect(decodeCheckpoint('300/250')).toEqual(at(300n, 250n));
    const huge = at(2n ** 63n - 1n, 2n ** 62n);
    expect(decodeCheckpoint(encodeCheckpoint(huge))).toEqual(huge);
    expect(decodeCheckpoint('start')).toBe('start');
  });

  it.each(['', '12', '12/', '/12', '-1/2', '1/2/3', '01/2', '1.5/2', 'start/1', '1 /2', '123456789012345678901/1'])(
    'refuses %j as a checkpoint, naming the form it takes',
    (bad) => {
      expect(() => decodeCheckpoint(bad)).toThrow(RangeError);
      expect(() => decodeCheckpoint(bad)).toThrow(/'start' or '<commit>\/<prepare>'/);
    },
  );

  it('makes a page from the start: up to the limit, the end known from a short read', () => {
    expect(readCountFor('start', 2)).toBe(3);
    const full = pageAfter(read.slice(0, 3), 'start', 2, 'start');
    expect(full).toEqual({
      events: [read[0].envelope, read[1].envelope],
      checkpoint: '300/200',
      checkpoints: ['100/100', '300/200'],
      isEnd: false,
    });
    const all = pageAfter(read, 'start', 10, 'start');
    expect(all).toMatchObject({ checkpoint: '400/400', isEnd: true });
    expect(all.events).toHaveLength(4);
  });

  it('leaves out the event at the checkpoint, whether or not the server returned it', () => {
    const after = at(300n, 200n);
    expect(readCountFor(after, 2)).toBe(4);
    const inclusive = pageAfter(read.slice(1), after, 2, '300/200');
    const exclusive = pageAfter(read.slice(2), after, 2, '300/200');
    for (const page of [inclusive, exclusive]) {
      expect(page).toEqual({
        events: [read[2].envelope, read[3].envelope],
        checkpoint: '400/400',
        checkpoints: ['300/250', '400/400'],
        isEnd: true,
      });
    }
    expect(pageAfter(read.slice(1), after, 1, '300/200')).toMatchObject({ checkpoint: '300/250', isEnd: false });
  });

  it('orders checkpoints by $all position, the start before all', () => {
    expect(compareCheckpoints('start', '100/100')).toBeLessThan(0);
    expect(compareCheckpoints('300/250', '300/200')).toBeGreaterThan(0);
    expect(compareCheckpoints('300/200', '400/100')).toBeLessThan(0);
    expect(compareCheckpoints('300/200', '300/200')).toBe(0);
    expect(compareCheckpoints('start', 'start')).toBe(0);
    expect(() => compareCheckpoints('pg:1:2', 'start')).toThrow(RangeError);
  });

  it('answers an empty page at the head with the checkpoint it was given', () => {
    expect(pageAfter([read[3]], at(400n), 5, '400/400')).toEqual({
      events: [],
      checkpoint: '400/400',
      checkpoints: [],
      isEnd: true,
    });
    expect(pageAfter([], 'start', 5, 'start')).toEqual({
      events: [],
      checkpoint: 'start',
      checkpoints: [],
      isEnd: true,
    });
  });
});
