import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_START, type EventStore, type LogPage } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite.event-store';
import { eventStoreContract } from '../testing/event-store.contract';
import { MemoryEventStore } from '../memory/memory.event-store';
import { SqliteSql } from '../sql/sqlite.sql';
import { PersonalDataError, masterKeyOf, newMasterKeyText } from './personal-cipher';
import { PersonalDataStore } from './personal-data.store';
import { PersonalKeyTable } from './personal-key-table';
import { PersonalKeyring } from './personal-keyring';

const NOW = new Date('2026-01-05T01:00:00.000Z');
const personal = { fullName: 'Nguyễn Văn Đức', birthDate: '1998-04-12' };
const nominated = { type: 'CandidateNominated', data: { branchId: 'chi-bo-1', nominatedOn: '2024-03-01', personal } };
const subjectOf = (streamId: string) => (streamId.startsWith('dossier-') ? streamId.slice(8) : undefined);

describe('PersonalDataStore', () => {
  let sql: SqliteSql;
  let inner: MemoryEventStore;
  let keyring: PersonalKeyring;
  let store: PersonalDataStore;
  beforeEach(async () => {
    sql = new SqliteSql(':memory:');
    keyring = new PersonalKeyring(await PersonalKeyTable.open(sql), { master: masterKeyOf(newMasterKeyText()) });
    inner = new MemoryEventStore(() => NOW);
    store = new PersonalDataStore(inner, keyring, subjectOf);
  });
  afterEach(() => sql.close());

  it('stores a dossier’s personal part sealed, chained over the ciphertext, and reads it back opened', async () => {
    await store.append('dossier-1', [nominated, { type: 'TrainingCompleted', data: { issuedOn: '2024-04-01' } }], {
      expectedVersion: 'no-stream',
    });
    const [stored, training] = await inner.readStream('dossier-1');
    expect(stored.data).toEqual({
      branchId: 'chi-bo-1',
      nominatedOn: '2024-03-01',
      personal: expect.stringMatching(/^kp1\./),
    });
    expect(JSON.stringify(stored)).not.toMatch(/Nguy|1998/);
    expect(training.data).toEqual({ issuedOn: '2024-04-01' });
    expect(await inner.verify()).toMatchObject({ ok: true, events: 2 });

    const [read] = await store.readStream('dossier-1');
    expect(read).toEqual({ ...stored, data: nominated.data });
    const page = await store.readAll({ after: LOG_START });
    expect(page.events.map((e) => e.data)).toEqual([nominated.data, { issuedOn: '2024-04-01' }]);
    expect(page.checkpoints).toEqual((await inner.readAll({ after: LOG_START })).checkpoints);
  });

  it('leaves streams of no subject, and personal parts stored in plain text before, as they are', async () => {
    await store.append('units', [{ type: 'UnitRecorded', data: { personal: { note: 'not a person' } } }], {
      expectedVersion: 'no-stream',
    });
    await inner.append('dossier-2', [nominated], { expectedVersion: 'no-stream' });
    expect((await inner.readStream('units'))[0].data).toEqual({ personal: { note: 'not a person' } });
    expect((await store.readStream('dossier-2'))[0].data).toEqual(nominated.data);
  });

  it('reads an erased subject’s personal part as null, marked erased, keeps the chain, and writes none again', async () => {
    await store.append('dossier-1', [nominated], { expectedVersion: 'no-stream' });
    await store.append('dossier-3', [nominated], { expectedVersion: 'no-stream' });
    await keyring.destroy('1');
    const [erased] = await store.readStream('dossier-1');
    expect(erased.data).toEqual({
      branchId: 'chi-bo-1',
      nominatedOn: '2024-03-01',
      personal: null,
      personalErased: true,
    });
    expect((await store.readStream('dossier-3'))[0].data).toEqual(nominated.data);
    expect(await store.verify()).toMatchObject({ ok: true, events: 2 });
    await store.append('dossier-1', [nominated], { expectedVersion: 1 });
    expect((await inner.readStream('dossier-1'))[1].data).toMatchObject({ personal: null });
  });

  it('no longer hands out a personal part stored in plain text before encryption once the subject is erased', async () => {
    await inner.append('dossier-2', [nominated], { expectedVersion: 'no-stream' });
    await keyring.destroy('2');
    expect((await store.readStream('dossier-2'))[0].data).toEqual({
      branchId: 'chi-bo-1',
      nominatedOn: '2024-03-01',
      personal: null,
      personalErased: true,
    });
    expect((await store.readAll({ after: LOG_START })).events[0].data).toMatchObject({ personal: null });
  });

  it('unwraps a subject’s key only when its personal part is first read', async () => {
    await store.append('dossier-1', [nominated], { expectedVersion: 'no-stream' });
    // A reader whose master key wrapped none of the keys: everything but the personal parts reads as it is.
    const otherMaster = new PersonalKeyring(await PersonalKeyTable.open(sql), {
      master: masterKeyOf(newMasterKeyText()),
    });
    const [read] = (await new PersonalDataStore(inner, otherMaster, subjectOf).readAll({ after: LOG_START })).events;
    const data = read.data as Record<string, unknown>;
    expect(data.nominatedOn).toBe('2024-03-01');
    expect(() => data.personal).toThrow(PersonalDataError);
    expect((await store.readAll({ after: LOG_START })).events[0].data).toEqual(nominated.data);
  });

  it('hands a subscription the pages opened', async () => {
    await store.append('dossier-1', [nominated], { expectedVersion: 'no-stream' });
    const pages: LogPage[] = [];
    const subscription = store.subscribe({ handler: async (page) => void pages.push(page), pollIntervalMs: 10 });
    await subscription.caughtUp();
    await subscription.stop();
    expect(pages.flatMap((p) => p.events.map((e) => e.data))).toEqual([nominated.data]);
  });
});

// The decorator keeps the port's contract over the stores it wraps (the EventStoreDB adapter's file
// runs it again over the fake server; its real-server run needs EVENTSTORE_URL).
const sealedOver =
  (inner: EventStore, close: () => Promise<void>, tamper: (streamId: string, version: number) => Promise<void>) =>
  async () => {
    const sql = new SqliteSql(':memory:');
    const keys = new PersonalKeyring(await PersonalKeyTable.open(sql), { master: masterKeyOf(newMasterKeyText()) });
    return {
      store: new PersonalDataStore(inner, keys, subjectOf),
      tamper,
      cleanup: async () => {
        await close();
        await sql.close();
      },
    };
  };
eventStoreContract('memory, personal parts sealed', (clock) => {
  const inner = new MemoryEventStore(clock.now);
  return sealedOver(
    inner,
    () => inner.close(),
    async (streamId, version) => inner.tamper(streamId, version, (event) => (event.data = { tampered: true })),
  )();
});
eventStoreContract('sqlite, personal parts sealed', (clock) => {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-sealed-'));
  const inner = new SqliteEventStore({ path: join(dir, 'ketnap.db'), clock: clock.now });
  return sealedOver(
    inner,
    async () => {
      await inner.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async (streamId, version) => {
      // what someone with write access to the file does: the append-only triggers dropped, one byte changed
      for (const { name } of inner.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
        .all() as Array<{ name: string }>)
        inner.db.exec(`DROP TRIGGER "${name}"`);
      const where = 'WHERE stream_id = ? AND stream_version = ?';
      const row = inner.db.prepare(`SELECT data FROM events ${where}`).get(streamId, version) as { data: string };
      const bytes = Buffer.from(row.data, 'utf8');
      bytes[bytes.length - 2] ^= 0x01;
      inner.db.prepare(`UPDATE events SET data = ? ${where}`).run(bytes.toString('utf8'), streamId, version);
    },
  )();
});
