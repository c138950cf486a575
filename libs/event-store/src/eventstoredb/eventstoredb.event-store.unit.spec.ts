import { sealEvents, toEnvelope } from '../envelope';
import { ConcurrencyError } from '../errors';
import type { AppendResult, NewEvent } from '../event-store.port';
import { eventStoreContract } from '../testing/event-store.contract';
import { eventStoreDbFeatures, isolatedPrefix } from '../testing/eventstoredb.features';
import { FakeEventStoreDb } from '../testing/fake-eventstoredb';
import type { FilteredReadOptions } from './esdb-client';
import { toEsdbEvent } from './esdb-envelope';
import { commandStreamOf, streamNameOf } from './esdb-names';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { masterKeyOf, newMasterKeyText } from '../personal/personal-cipher';
import { PersonalDataStore } from '../personal/personal-data.store';
import { PersonalKeyTable } from '../personal/personal-key-table';
import { PersonalKeyring } from '../personal/personal-keyring';
import { SqliteSql } from '../sql/sqlite.sql';

// The adapter's own logic on the fake server: the client module it loads is replaced by the fake.
let mockServer = new FakeEventStoreDb();
jest.mock('./esdb-client', () => ({
  connect: () => mockServer,
  readAllFiltered: (_client: unknown, options: FilteredReadOptions) => mockServer.readAllFiltered(options),
}));

const open = (clock?: () => Date) =>
  new EventStoreDbEventStore({ connectionString: 'esdb://fake', clock, prefix: isolatedPrefix() });
const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data });

eventStoreContract(
  'eventstoredb on a fake server',
  async (clock) => {
    mockServer = new FakeEventStoreDb();
    const store = open(clock.now);
    return {
      store,
      tamper: async (streamId, version) =>
        mockServer.tamperData(streamNameOf(store.prefix, streamId), version - 1, { tampered: true }),
      cleanup: () => store.close(),
    };
  },
  { positions: 'sparse' },
);

// Personal parts sealed over EventStoreDB: the engine's store on this adapter (key table in SQLite).
eventStoreContract(
  'eventstoredb on a fake server, personal parts sealed',
  async (clock) => {
    mockServer = new FakeEventStoreDb();
    const inner = open(clock.now);
    const sql = new SqliteSql(':memory:');
    const keyring = new PersonalKeyring(await PersonalKeyTable.open(sql), { master: masterKeyOf(newMasterKeyText()) });
    return {
      store: new PersonalDataStore(inner, keyring, (id) => (id.startsWith('dossier-') ? id.slice(8) : undefined)),
      tamper: async (streamId, version) =>
        mockServer.tamperData(streamNameOf(inner.prefix, streamId), version - 1, { tampered: true }),
      cleanup: async () => {
        await inner.close();
        await sql.close();
      },
    };
  },
  { positions: 'sparse' },
);

eventStoreDbFeatures({
  open: () => open(),
  raw: () => mockServer,
  dispose: (store) => store.close(),
});

describe('EventStoreDB adapter on a fake server', () => {
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    mockServer = new FakeEventStoreDb();
    store = open();
  });
  afterEach(() => store.close());

  /** Another ketnap writer appends to the stream between the adapter's read of the head and its write. */
  async function overtakeOnce(streamId: string): Promise<void> {
    const [head] = (await store.readStream(streamId)).slice(-1);
    const theirs = sealEvents(
      streamId,
      [ev('Theirs')],
      { version: head.streamVersion, hash: head.hash },
      'r',
      undefined,
    );
    const name = streamNameOf(store.prefix, streamId);
    mockServer.beforeAppend = (streamName) => {
      if (streamName !== name) return;
      mockServer.beforeAppend = undefined;
      mockServer.appendNow(
        name,
        theirs.map((e) => toEsdbEvent(toEnvelope(e, 0))),
        'any',
      );
    };
  }

  it("appends under 'any' on the new head when another writer overtook it, the chain unbroken", async () => {
    await store.append('s', [ev('First')], { expectedVersion: 'no-stream' });
    await overtakeOnce('s');
    const result = await store.append('s', [ev('Mine')], { expectedVersion: 'any' });
    expect(result).toMatchObject({ nextExpectedVersion: 3, duplicate: false });
    expect((await store.readStream('s')).map((e) => e.type)).toEqual(['First', 'Theirs', 'Mine']);
    expect(await store.verify()).toEqual({ ok: true, streams: 1, events: 3 });
  });

  it('refuses an append whose expected version another writer overtook, naming the version it found', async () => {
    await store.append('s', [ev('First')], { expectedVersion: 'no-stream' });
    await overtakeOnce('s');
    await expect(store.append('s', [ev('Mine')], { expectedVersion: 1 })).rejects.toMatchObject({
      name: 'ConcurrencyError',
      expected: 1,
      actual: 2,
    });
    expect((await store.readStream('s')).map((e) => e.type)).toEqual(['First', 'Theirs']);
  });

  it('releases the claim of a command whose append lost, so that its resend appends', async () => {
    await store.append('s', [ev('First')], { expectedVersion: 'no-stream' });
    await overtakeOnce('s');
    await expect(store.append('s', [ev('Mine')], { expectedVersion: 1, commandId: 'k' })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect(await store.commandResult('k')).toBeNull();
    const records = [];
    for await (const resolved of mockServer.readStream(commandStreamOf(store.prefix, 'k'))) {
      records.push(resolved.event!.type);
    }
    expect(records).toEqual(['CommandClaimed', 'CommandReleased']);
    const resent = await store.append('s', [ev('Mine')], { expectedVersion: 2, commandId: 'k' });
    expect(resent).toMatchObject({ nextExpectedVersion: 3, duplicate: false });
    expect(await store.commandResult('k')).toEqual({ ...resent, duplicate: true });
  });

  it('lets one of two senders of one command append; the other loses the race and its resend is a duplicate', async () => {
    const send = () => store.append('d', [ev('Once')], { expectedVersion: 'no-stream', commandId: 'twice' });
    const [a, b] = await Promise.allSettled([send(), send()]);
    const won = [a, b].filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect([a, b].find((r) => r.status === 'rejected')).toMatchObject({ reason: { name: 'ConcurrencyError' } });
    expect(await send()).toEqual({ ...(won[0] as PromiseFulfilledResult<AppendResult>).value, duplicate: true });
    expect(await store.streamVersion('d')).toBe(1);
  });

  it('reads the log in pages whatever the server returns at the checkpoint, and nothing of the command records', async () => {
    await store.append('a', [ev('A1'), ev('A2'), ev('A3')], { expectedVersion: 'no-stream', commandId: 'c' });
    await store.append('b', [ev('B1')], { expectedVersion: 'no-stream' });
    const first = await store.readAll({ limit: 2 });
    expect(first.events.map((e) => e.type)).toEqual(['A1', 'A2']);
    expect(first.isEnd).toBe(false);
    const second = await store.readAll({ after: first.checkpoint, limit: 2 });
    expect(second.events.map((e) => e.type)).toEqual(['A3', 'B1']);
    expect(second.isEnd).toBe(true);
    expect(await store.headPosition()).toBe(second.events[1].globalPosition);
    expect(new Set([...first.events, ...second.events].map((e) => e.globalPosition)).size).toBe(4);
  });
});
