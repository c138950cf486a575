import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite.event-store';
import { StoreSchemaError } from '../errors';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ketnap-sqlite-'));

/** What someone with write access to the file does first: the append-only triggers are in the way. */
function dropAppendOnlyTriggers(db: Database.Database): void {
  const triggers = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
    .pluck()
    .all() as string[];
  for (const name of triggers) db.exec(`DROP TRIGGER "${name}"`);
}

eventStoreContract('sqlite', async (clock) => {
  const dir = tempDir();
  const path = join(dir, 'ketnap.db');
  const store = new SqliteEventStore({ path, clock: clock.now });
  return {
    store,
    tamper: async (streamId, version) => {
      const db = new Database(path);
      dropAppendOnlyTriggers(db);
      const row = db
        .prepare('SELECT data FROM events WHERE stream_id = ? AND stream_version = ?')
        .get(streamId, version) as { data: string };
      const bytes = Buffer.from(row.data, 'utf8');
      bytes[bytes.length - 2] ^= 0x01;
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND stream_version = ?').run(
        bytes.toString('utf8'),
        streamId,
        version,
      );
      db.close();
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore on disk', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps appended events across a reopen, in WAL mode with the chosen durability', async () => {
    const path = join(dir, 'sub', 'ketnap.db');
    const first = new SqliteEventStore({ path, synchronous: 'FULL' });
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('synchronous', { simple: true })).toBe(2);
    await first.append('keep', [{ type: 'Kept', data: { tên: 'Lê Văn Tám' } }], { expectedVersion: 'no-stream' });
    await first.close();
    const second = new SqliteEventStore({ path });
    expect(second.db.pragma('synchronous', { simple: true })).toBe(1);
    expect((await second.readStream('keep'))[0].data).toEqual({ tên: 'Lê Văn Tám' });
    expect(await second.verify()).toEqual({ ok: true, streams: 1, events: 1 });
    await second.close();
  });

  it('records its schema version and refuses a database migrated by a newer ketnap', async () => {
    const path = join(dir, 'ketnap.db');
    const store = new SqliteEventStore({ path });
    expect(store.db.prepare("SELECT version FROM schema_migrations WHERE scope = 'event-store'").all()).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    await store.close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES ('event-store', 99, 'future', '2030-01-01')").run();
    db.close();
    expect(() => new SqliteEventStore({ path })).toThrow(StoreSchemaError);
    expect(() => new SqliteEventStore({ path })).toThrow(/version 99, newer than this ketnap knows \(2\)/);
  });

  it('refuses to update or delete a stored event, through any connection to the file, and keeps the row', async () => {
    const path = join(dir, 'ketnap.db');
    const store = new SqliteEventStore({ path });
    await store.append('kept', [{ type: 'Kept', data: { n: 1 } }], { expectedVersion: 'no-stream' });
    const before = await store.readStream('kept');
    const db = new Database(path);
    expect(() => db.prepare("UPDATE events SET data = '{\"n\":2}' WHERE stream_id = 'kept'").run()).toThrow(
      'events are append-only',
    );
    expect(() => db.prepare("DELETE FROM events WHERE stream_id = 'kept'").run()).toThrow('events are append-only');
    db.close();
    expect(await store.readStream('kept')).toEqual(before);
    expect(await store.verify()).toEqual({ ok: true, streams: 1, events: 1 });
    await store.close();
  });

  it('opens a copy read-only for an audit: reads it, writes nothing, and creates no missing file', async () => {
    const path = join(dir, 'ketnap.db');
    const writer = new SqliteEventStore({ path });
    await writer.append('kept', [{ type: 'Kept', data: {} }], { expectedVersion: 'no-stream' });
    await writer.close();
    const reader = new SqliteEventStore({ path, readonly: true });
    expect(await reader.verify()).toEqual({ ok: true, streams: 1, events: 1 });
    // better-sqlite3's errors may come from another realm under Jest, so match the message, not the class
    await expect(reader.append('kept', [{ type: 'More', data: {} }], { expectedVersion: 1 })).rejects.toMatchObject({
      message: expect.stringMatching(/readonly/),
    });
    await reader.close();
    expect(() => new SqliteEventStore({ path: join(dir, 'missing.db'), readonly: true })).toThrow();
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });

  it('serialises appenders on two connections to one file through IMMEDIATE transactions', async () => {
    const path = join(dir, 'ketnap.db');
    const a = new SqliteEventStore({ path });
    const b = new SqliteEventStore({ path });
    await a.append('shared', [{ type: 'A', data: {} }], { expectedVersion: 'no-stream' });
    await expect(b.append('shared', [{ type: 'B', data: {} }], { expectedVersion: 'no-stream' })).rejects.toMatchObject(
      { actual: 1 },
    );
    await b.append('shared', [{ type: 'B', data: {} }], { expectedVersion: 1 });
    expect((await a.readStream('shared')).map((e) => e.type)).toEqual(['A', 'B']);
    await a.close();
    await b.close();
  });

  it('commits the appends of one turn of the event loop together, each refused or kept on its own', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'ketnap.db') });
    store.db.prepare('SELECT COUNT(*) FROM events').pluck().get();
    const outcomes = await Promise.allSettled([
      store.append('a', [{ type: 'A1', data: {} }], { expectedVersion: 'no-stream' }),
      store.append('a', [{ type: 'A2', data: {} }], { expectedVersion: 'no-stream' }),
      store.append('a', [{ type: 'A2', data: {} }], { expectedVersion: 1, commandId: 'k' }),
      store.append('b', [{ type: 'B1', data: {} }], { expectedVersion: 'no-stream', commandId: 'k' }),
      store.append(
        'c',
        [
          { type: 'C1', data: {} },
          { type: 'C2', data: {} },
        ],
        { expectedVersion: 'no-stream' },
      ),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { name: 'ConcurrencyError', actual: 1 } });
    expect(outcomes[3]).toMatchObject({ value: { streamId: 'a', duplicate: true } });
    expect((await store.readAll()).events.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      'a:A1',
      'a:A2',
      'c:C1',
      'c:C2',
    ]);
    await store.close();
  });

  it('commits what is queued when it closes', async () => {
    const path = join(dir, 'ketnap.db');
    const store = new SqliteEventStore({ path });
    const appended = store.append('late', [{ type: 'X', data: {} }], { expectedVersion: 'no-stream' });
    await store.close();
    await expect(appended).resolves.toMatchObject({ nextExpectedVersion: 1 });
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.streamVersion('late')).toBe(1);
    await reopened.close();
  });

  it("knows a stream's version without a query until another connection commits, never an older one", async () => {
    const path = join(dir, 'ketnap.db');
    const a = new SqliteEventStore({ path });
    const b = new SqliteEventStore({ path });
    await a.append('x', [{ type: 'X1', data: {} }], { expectedVersion: 'no-stream', commandId: 'first' });
    expect(await a.streamVersion('x')).toBe(1);
    await a.append('x', [{ type: 'X2', data: {} }], { expectedVersion: 1 });
    expect(await a.streamVersion('x')).toBe(2);
    await a.append('x', [{ type: 'X1', data: {} }], { expectedVersion: 'no-stream', commandId: 'first' });
    expect(await a.streamVersion('x')).toBe(2);
    await b.append('x', [{ type: 'X3', data: {} }], { expectedVersion: 2 });
    expect(await a.streamVersion('x')).toBe(3);
    expect((await a.readStream('x', { fromVersion: 3 })).map((e) => e.type)).toEqual(['X3']);
    expect(await a.readStream('x', { fromVersion: 4 })).toEqual([]);
    // A read to the end of the stream records its version, forgotten too when another connection commits.
    expect(await b.readStream('x')).toHaveLength(3);
    await a.append('x', [{ type: 'X4', data: {} }], { expectedVersion: 3 });
    expect((await b.readStream('x', { fromVersion: 4 })).map((e) => e.type)).toEqual(['X4']);
    await a.close();
    await b.close();
  });

  it('keeps at most 10,000 stream versions, however many streams it writes and reads, and still knows each', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'ketnap.db') });
    const kept = () => (store as unknown as { known: { versions: Map<string, number> } }).known.versions.size;
    const streams = 10_050;
    for (let s = 0; s < streams; s += 1)
      await store.append(`s-${s}`, [{ type: 'X1', data: {} }], { expectedVersion: 'no-stream' });
    for (let s = 0; s < streams; s += 1) expect(await store.readStream(`s-${s}`)).toHaveLength(1);
    expect(kept()).toBeGreaterThan(0);
    expect(kept()).toBeLessThanOrEqual(10_001);
    expect(await store.streamVersion('s-0')).toBe(1);
    expect(await store.streamVersion(`s-${streams - 1}`)).toBe(1);
    await store.close();
  });
});
