import { LOG_START, type EventEnvelope, type EventStore } from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../hash-chain';
import { decodePosition, encodePosition } from '../log-position';
import { MemoryEventStore } from '../memory/memory.event-store';

/**
 * A log as a plain array that tests edit the way someone with write access to the database would:
 * delete rows, change one, insert one at a free position. Read through `readAll` like any store.
 */
export class TamperedLog implements Pick<EventStore, 'readAll' | 'name'> {
  /** Read like the memory store: in position order, from position checkpoints. */
  readonly name = 'memory';
  /** Positions of the pages read, to see where a walk started. */
  readonly reads: string[] = [];

  constructor(public events: EventEnvelope[]) {}

  /** A log recorded through a real store: `[streamId, events]` appended in this order, one event per append. */
  static async record(appends: Array<[streamId: string, count: number]>): Promise<TamperedLog> {
    const store = new MemoryEventStore(() => new Date('2024-03-07T02:00:00.000Z'));
    for (const [streamId, count] of appends) {
      for (let i = 0; i < count; i += 1)
        await store.append(streamId, [{ type: 'Recorded', data: { i } }], { expectedVersion: 'any' });
    }
    return new TamperedLog((await store.readAll({ limit: 100_000 })).events);
  }

  async readAll({ after = LOG_START, limit = 500 }: { after?: string; limit?: number } = {}) {
    this.reads.push(after);
    const rest = this.events
      .filter((e) => e.globalPosition > decodePosition(after))
      .sort((a, b) => a.globalPosition - b.globalPosition);
    const events = rest.slice(0, limit);
    const last = events[events.length - 1];
    return {
      events,
      checkpoint: last ? encodePosition(last.globalPosition) : after,
      checkpoints: events.map((e) => encodePosition(e.globalPosition)),
      isEnd: events.length === rest.length,
    };
  }

  /** The next free position, as an append would get. */
  nextPosition(): number {
    return Math.max(0, ...this.events.map((e) => e.globalPosition)) + 1;
  }

  stream(streamId: string): EventEnvelope[] {
    return this.events.filter((e) => e.streamId === streamId).sort((a, b) => a.streamVersion - b.streamVersion);
  }

  remove(predicate: (event: EventEnvelope) => boolean): void {
    this.events = this.events.filter((e) => !predicate(e));
  }

  /** Appends one event to a stream, chained to its last event, at the next free position or the one given. */
  append(streamId: string, data: unknown, position = this.nextPosition()): EventEnvelope {
    const last = this.stream(streamId).at(-1);
    const fields = {
      eventId: `${streamId}-${position}`,
      streamId,
      streamVersion: (last?.streamVersion ?? 0) + 1,
      type: 'Recorded',
      schemaVersion: 1,
      data,
      metadata: { recordedAt: '2024-03-08T02:00:00.000Z' },
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const event = { ...fields, globalPosition: position, prevHash, hash: eventHash(prevHash, fields) };
    this.events.push(event);
    return event;
  }

  /** Changes one event's data; with `rechain`, computes the stream's hash chain again from there. */
  edit(streamId: string, version: number, data: unknown, { rechain }: { rechain: boolean }): void {
    const events = this.stream(streamId).filter((e) => e.streamVersion >= version);
    if (events[0]?.streamVersion !== version) throw new Error(`no event ${streamId}@${version}`);
    events[0].data = data;
    if (!rechain) return;
    let prevHash = events[0].prevHash;
    for (const event of events) {
      event.prevHash = prevHash;
      event.hash = eventHash(prevHash, event);
      prevHash = event.hash;
    }
  }
}
