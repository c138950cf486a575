import { randomBytes } from 'node:crypto';
import { jsonEvent, type AppendResult, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import { InvalidAppendError } from '../errors';
import type { EventEnvelope, NewEvent } from '../event-store.port';
import { commandStreamOf, esdbEventIdOf, streamNameOf } from '../eventstoredb/esdb-names';
import type { EventStoreDbEventStore } from '../eventstoredb/eventstoredb.event-store';
import { MemoryEventStore } from '../memory/memory.event-store';
import { TestClock } from './event-store.contract';

/** What the suite writes and reads behind the adapter: the client of a server, or the fake. */
export interface RawEventStoreDb {
  appendToStream(streamName: string, events: EventData | EventData[]): Promise<AppendResult>;
  readStream(streamName: string): AsyncIterable<ResolvedEvent>;
}

export interface EventStoreDbSetup {
  /** A store on the server under a prefix of its own. */
  open(): EventStoreDbEventStore;
  raw(): RawEventStoreDb;
  dispose(store: EventStoreDbEventStore): Promise<void>;
}

/** A prefix of its own for each store, so that test runs on one server never meet. */
export const isolatedPrefix = (): string => `ketnap_test_${randomBytes(6).toString('hex')}`;

const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data });

/**
 * What the EventStoreDB adapter does beyond the contract, run against a server and against the fake:
 * the event as stored, prefix isolation, an import, and claims left without an outcome.
 */
export function eventStoreDbFeatures(setup: EventStoreDbSetup): void {
  describe('EventStoreDB adapter beyond the contract', () => {
    let store: EventStoreDbEventStore;
    beforeEach(() => (store = setup.open()));
    afterEach(() => setup.dispose(store));

    it('keeps the whole envelope in the EventStoreDB event, under the prefix', async () => {
      await store.append(
        'dossier-x',
        [{ ...ev('Opened', { tên: 'Lê Văn Tám' }), eventId: 'dossier-x_opened', schemaVersion: 2 }],
        { expectedVersion: 'no-stream', commandId: 'cmd-x' },
      );
      const [envelope] = await store.readStream('dossier-x');
      const raw = [];
      for await (const resolved of setup.raw().readStream(streamNameOf(store.prefix, 'dossier-x'))) {
        raw.push(resolved.event!);
      }
      expect(raw).toHaveLength(1);
      expect(raw[0]).toMatchObject({
        id: esdbEventIdOf('dossier-x_opened'),
        type: 'Opened',
        isJson: true,
        revision: 0n,
        data: { tên: 'Lê Văn Tám' },
        metadata: {
          eventId: 'dossier-x_opened',
          schemaVersion: 2,
          prevHash: envelope.prevHash,
          hash: envelope.hash,
          metadata: { recordedAt: envelope.metadata.recordedAt, commandId: 'cmd-x' },
        },
      });
      expect(envelope.globalPosition).toBe(Number(raw[0].position!.prepare) + 1);
      expect(await store.verify()).toEqual({ ok: true, streams: 1, events: 1 });
    });

    it("reads only its own prefix's streams from $all", async () => {
      const other = setup.open();
      try {
        await store.append('shared-name', [ev('Mine')], { expectedVersion: 'no-stream' });
        await other.append('shared-name', [ev('Theirs')], { expectedVersion: 'no-stream' });
        expect((await store.readAll()).events.map((e) => e.type)).toEqual(['Mine']);
        expect((await other.readAll()).events.map((e) => e.type)).toEqual(['Theirs']);
        expect(await store.headPosition()).toBeLessThan(await other.headPosition());
      } finally {
        await setup.dispose(other);
      }
    });

    it('imports a log another store sealed: ids, versions, hashes and metadata kept, positions its own', async () => {
      const source = new MemoryEventStore(new TestClock(new Date('2024-03-06T01:00:00.000Z')).now);
      await source.append('dossier-a', [ev('A1', { '10': 'x', '9': 'y' })], { expectedVersion: 'no-stream' });
      await source.append('dossier-b', [ev('B'), ev('B'), ev('B')], {
        expectedVersion: 'no-stream',
        commandId: 'cmd-b',
      });
      await source.append('dossier-a', [{ ...ev('A2'), eventId: 'e-a2' }], { expectedVersion: 1, commandId: 'cmd-a2' });
      const events = (await source.readAll()).events;
      // The second batch begins inside cmd-b's events: its record is continued.
      await store.importEvents(events.slice(0, 2));
      await store.importEvents(events.slice(2));
      const copied = (await store.readAll()).events;
      const withoutPosition = ({ globalPosition: _position, ...rest }: EventEnvelope) => rest;
      expect(copied.map(withoutPosition)).toEqual(events.map(withoutPosition));
      expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 5 });
      const positionsOfB = copied.filter((e) => e.streamId === 'dossier-b').map((e) => e.globalPosition);
      const first = {
        streamId: 'dossier-b',
        nextExpectedVersion: 3,
        positions: positionsOfB,
        duplicate: true,
        recordedAt: '2024-03-06T01:00:00.000Z',
      };
      expect(await store.commandResult('cmd-b')).toEqual(first);
      expect(await store.append('dossier-b', [ev('B')], { expectedVersion: 'no-stream', commandId: 'cmd-b' })).toEqual(
        first,
      );
      await expect(store.importEvents(events.slice(3))).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.streamVersion('dossier-b')).toBe(3);
    });

    it('settles a claim its appender left without an outcome, from the stream it names', async () => {
      const claimOf = (streamId: string, eventIds: string[], claimedAt: string) =>
        jsonEvent({ type: 'CommandClaimed', data: { streamId, firstVersion: 1, eventIds, claimedAt } });
      // The appender stored its events, then stopped before recording the result.
      const eventId = '6f1c9e1e-4a8b-4c57-9a54-1f0e3a3c2b10';
      await setup
        .raw()
        .appendToStream(
          commandStreamOf(store.prefix, 'k-stored'),
          claimOf('dossier-s', [eventId], new Date().toISOString()),
        );
      const stored = await store.append('dossier-s', [{ ...ev('S'), eventId }], { expectedVersion: 'no-stream' });
      expect(await store.commandResult('k-stored')).toEqual({ ...stored, duplicate: true });
      // Another appender claimed a key just now and is still at work: a resend loses the race, for now.
      await setup
        .raw()
        .appendToStream(
          commandStreamOf(store.prefix, 'k-busy'),
          claimOf('dossier-b', ['5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d'], new Date().toISOString()),
        );
      expect(await store.commandResult('k-busy')).toBeNull();
      await expect(
        store.append('dossier-b', [ev('B')], { expectedVersion: 'no-stream', commandId: 'k-busy' }),
      ).rejects.toMatchObject({ name: 'ConcurrencyError' });
      // The appender stopped before storing anything, long ago: the key is free again.
      await setup
        .raw()
        .appendToStream(
          commandStreamOf(store.prefix, 'k-lost'),
          claimOf('dossier-l', ['7a2d0c4e-5b6f-4e3a-8c9d-0e1f2a3b4c5d'], '2020-01-01T00:00:00.000Z'),
        );
      expect(await store.commandResult('k-lost')).toBeNull();
      const retried = await store.append('dossier-l', [ev('L')], { expectedVersion: 'no-stream', commandId: 'k-lost' });
      expect(retried).toMatchObject({ nextExpectedVersion: 1, duplicate: false });
      expect(await store.commandResult('k-lost')).toEqual({ ...retried, duplicate: true });
    });
  });
}
