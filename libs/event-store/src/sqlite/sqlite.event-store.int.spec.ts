import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite.event-store';
import { StoreSchemaError } from '../errors';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ketnap-sqlite-'));

eventStoreContract('sqlite', async (clock) => {
  const dir = tempDir();
  const path = join(dir, 'ketnap.db');
  const store = new SqliteEventStore({ path, clock: clock.now });
  return {
    store,
    tamper: async (streamId, version) => {
      const db = new Database(path);
      const row = db.prepare('SELECT data FROM events WHERE stream_id = ? AND stream_version = ?').get(streamId, version) as { data: string };
      const bytes = Buffer.from(row.data, 'utf8');
      bytes[bytes.length - 2] ^= 0x01;
      db.prepare('UPDATE events SET data = ? WHERE stream_id = ? AND stream_version = ?').run(bytes.toString('utf8'), streamId, version);
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
    expect(store.db.prepare("SELECT version FROM schema_migrations WHERE scope = 'event-store'").all()).toEqual([{ version: 1 }]);
    await store.close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES ('event-store', 99, 'future', '2030-01-01')").run();
    db.close();
    expect(() => new SqliteEventStore({ path })).toThrow(StoreSchemaError);
    expect(() => new SqliteEventStore({ path })).toThrow(/version 99, newer than this ketnap knows \(1\)/);
  });

  it('serialises appenders on two connections to one file through IMMEDIATE transactions', async () => {
    const path = join(dir, 'ketnap.db');
    const a = new SqliteEventStore({ path });
    const b = new SqliteEventStore({ path });
    await a.append('shared', [{ type: 'A', data: {} }], { expectedVersion: 'no-stream' });
    await expect(b.append('shared', [{ type: 'B', data: {} }], { expectedVersion: 'no-stream' })).rejects.toMatchObject({ actual: 1 });
    await b.append('shared', [{ type: 'B', data: {} }], { expectedVersion: 1 });
    expect((await a.readStream('shared')).map((e) => e.type)).toEqual(['A', 'B']);
    await a.close();
    await b.close();
  });
});
