import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { InvalidAppendError } from '../errors';
import type { EventEnvelope, NewEvent } from '../event-store.port';
import { MemoryEventStore } from '../memory/memory.event-store';
import { describeWithEnv } from '../testing/describe-with-env';
import { TestClock, eventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbError } from './esdb-errors';
import { commandStreamOf, esdbEventIdOf, streamNameOf } from './esdb-names';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

/** A prefix of its own for each store, so that test runs on one server never meet. */
const isolatedPrefix = () => `ketnap_test_${randomBytes(6).toString('hex')}`;
const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data });

/** Soft-deletes what a store wrote under its prefix: its streams and their command records. */
async function deleteWritten(store: EventStoreDbEventStore, client: EventStoreDBClient): Promise<void> {
  const streams = new Set<string>();
  for (let after = 'start'; ;) {
    const page = await store.readAll({ after, limit: 1000 });
    for (const event of page.events) {
      streams.add(streamNameOf(store.prefix, event.streamId));
      if (event.metadata.commandId) streams.add(commandStreamOf(store.prefix, event.metadata.commandId));
    }
    if (page.isEnd || page.events.length === 0) break;
    after = page.checkpoint;
  }
  for (const stream of streams) await client.deleteStream(stream);
}

describeWithEnv('EVENTSTORE_URL', 'EventStoreDB adapter contract', (url) => {
  let client: EventStoreDBClient;
  beforeAll(() => (client = EventStoreDBClient.connectionString(url)));
  afterAll(() => client.dispose());

  const open = (clock = new TestClock()) =>
    new EventStoreDbEventStore({ connectionString: url, clock: clock.now, prefix: isolatedPrefix() });

  eventStoreContract(
    'eventstoredb',
    async (clock) => {
      const store = open(clock);
      return {
        store,
        cleanup: async () => {
          await deleteWritten(store, client);
          await store.close();
        },
      };
    },
    {
      positions: 'sparse',
      noTamper:
        'EventStoreDB offers no way to change a stored event (the chain check itself: esdb-envelope.unit.spec.ts)',
    },
  );

  describe('beyond the contract', () => {
    let store: EventStoreDbEventStore;
    beforeEach(() => (store = open()));
    afterEach(async () => {
      await deleteWritten(store, client);
      await store.close();
    });

    it('keeps the whole envelope in the EventStoreDB event, under the prefix', async () => {
      await store.append(
        'dossier-x',
        [{ ...ev('Opened', { tên: 'Lê Văn Tám' }), eventId: 'dossier-x_opened', schemaVersion: 2 }],
        { expectedVersion: 'no-stream', commandId: 'cmd-x' },
      );
      const [envelope] = await store.readStream('dossier-x');
      const raw = [];
      for await (const resolved of client.readStream(streamNameOf(store.prefix, 'dossier-x')))
        raw.push(resolved.event!);
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
      const other = open();
      try {
        await store.append('shared-name', [ev('Mine')], { expectedVersion: 'no-stream' });
        await other.append('shared-name', [ev('Theirs')], { expectedVersion: 'no-stream' });
        expect((await store.readAll()).events.map((e) => e.type)).toEqual(['Mine']);
        expect((await other.readAll()).events.map((e) => e.type)).toEqual(['Theirs']);
        expect(await store.headPosition()).toBeLessThan(await other.headPosition());
      } finally {
        await deleteWritten(other, client);
        await other.close();
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
      await store.importEvents(events.slice(0, 2));
      await store.importEvents(events.slice(2));
      const copied = (await store.readAll()).events;
      const withoutPosition = ({ globalPosition: _p, ...rest }: EventEnvelope) => rest;
      expect(copied.map(withoutPosition)).toEqual(events.map(withoutPosition));
      expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 5 });
      const positionsOfB = copied.filter((e) => e.streamId === 'dossier-b').map((e) => e.globalPosition);
      expect(await store.commandResult('cmd-b')).toEqual({
        streamId: 'dossier-b',
        nextExpectedVersion: 3,
        positions: positionsOfB,
        duplicate: true,
        recordedAt: '2024-03-06T01:00:00.000Z',
      });
      expect(await store.append('dossier-b', [ev('B')], { expectedVersion: 'no-stream', commandId: 'cmd-b' })).toEqual(
        await store.commandResult('cmd-b'),
      );
      await expect(store.importEvents(events.slice(3))).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.streamVersion('dossier-b')).toBe(3);
    });

    it('settles a claim its appender left without an outcome, from the stream it names', async () => {
      const claimOf = (streamId: string, eventIds: string[], claimedAt: string) =>
        jsonEvent({ type: 'CommandClaimed', data: { streamId, firstVersion: 1, eventIds, claimedAt } });
      // The appender stored its events, then stopped before recording the result.
      const eventId = '6f1c9e1e-4a8b-4c57-9a54-1f0e3a3c2b10';
      await client.appendToStream(
        commandStreamOf(store.prefix, 'k-stored'),
        claimOf('dossier-s', [eventId], new Date().toISOString()),
      );
      const stored = await store.append('dossier-s', [{ ...ev('S'), eventId }], { expectedVersion: 'no-stream' });
      expect(await store.commandResult('k-stored')).toEqual({ ...stored, duplicate: true });
      // The appender stopped before storing anything, long ago: the key is free again.
      await client.appendToStream(
        commandStreamOf(store.prefix, 'k-lost'),
        claimOf('dossier-l', ['7a2d0c4e-5b6f-4e3a-8c9d-0e1f2a3b4c5d'], '2020-01-01T00:00:00.000Z'),
      );
      expect(await store.commandResult('k-lost')).toBeNull();
      const retried = await store.append('dossier-l', [ev('L')], { expectedVersion: 'no-stream', commandId: 'k-lost' });
      expect(retried).toMatchObject({ nextExpectedVersion: 1, duplicate: false });
      expect(await store.commandResult('k-lost')).toEqual({ ...retried, duplicate: true });
    });
  });
});

describe('EventStoreDB adapter without a server', () => {
  /** A local port nothing listens on. */
  const closedPort = () =>
    new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });

  it('refuses a prefix that could overlap another deployment', () => {
    expect(() => new EventStoreDbEventStore({ connectionString: 'esdb://127.0.0.1:2113', prefix: 'ketnap-x' })).toThrow(
      /letters, digits or '_'/,
    );
  });

  it('reports an unreachable server as unavailable, naming what was done and EVENTSTORE_URL', async () => {
    const store = new EventStoreDbEventStore({ connectionString: `esdb://127.0.0.1:${await closedPort()}?tls=false` });
    const unavailable = { name: 'EventStoreDbError', reason: 'unavailable' };
    await expect(store.append('dossier-1', [ev('X')], { expectedVersion: 'no-stream' })).rejects.toMatchObject({
      ...unavailable,
      message: expect.stringMatching(/while reading dossier-1 .*EVENTSTORE_URL/),
    });
    await expect(store.readStream('dossier-1')).rejects.toBeInstanceOf(EventStoreDbError);
    await expect(store.readAll()).rejects.toMatchObject({
      ...unavailable,
      message: expect.stringMatching(/while reading the log/),
    });
    await expect(store.headPosition()).rejects.toMatchObject(unavailable);
    await store.close();
  });
});
