import { createServer } from 'node:net';
import { EventStoreDBClient } from '@eventstore/db-client';
import type { NewEvent } from '../event-store.port';
import { describeWithEnv } from '../testing/describe-with-env';
import { TestClock, eventStoreContract } from '../testing/event-store.contract';
import { eventStoreDbFeatures, isolatedPrefix } from '../testing/eventstoredb.features';
import { EventStoreDbError } from './esdb-errors';
import { commandStreamOf, streamNameOf } from './esdb-names';
import { EventStoreDbEventStore } from './eventstoredb.event-store';

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
        'EventStoreDB offers no way to change a stored event (checked on the fake server: eventstoredb.event-store.unit.spec.ts)',
    },
  );

  eventStoreDbFeatures({
    open: () => open(),
    raw: () => client,
    dispose: async (store) => {
      await deleteWritten(store, client);
      await store.close();
    },
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
