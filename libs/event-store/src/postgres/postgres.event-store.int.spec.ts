import pg from 'pg';
import { describeWithService } from '../../../../test/support/services';
import { InvalidAppendError, StoreSchemaError } from '../errors';
import { LOG_START, type EventEnvelope, type NewEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite.event-store';
import { eventStoreContract } from '../testing/event-store.contract';
import { freshTestSchema, type TestSchema } from '../testing/postgres-schema';
import { walkLog } from '../verify';
import { GENESIS_HASH } from '../hash-chain';
import { sealEvents } from '../envelope';
import { appendSealed } from './postgres.append';
import { PG_EVENT_STORE_MIGRATIONS, migratePostgres, quoteIdent } from './postgres.migrations';

const NOW = '2026-01-05T01:00:00.000Z';
import { PostgresEventStore } from './postgres.event-store';

const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data });

/** What someone with the owner's rights does first: the append-only trigger is in the way. */
async function tamperData(db: TestSchema, streamId: string, version: number): Promise<void> {
  const events = `${quoteIdent(db.schema)}.events`;
  const { rows } = await db.pool.query<{ data: string }>(
    `SELECT data FROM ${events} WHERE stream_id = $1 AND stream_version = $2`,
    [streamId, version],
  );
  const bytes = Buffer.from(rows[0].data, 'utf8');
  bytes[bytes.length - 2] ^= 0x01;
  await db.pool.query(`ALTER TABLE ${events} DISABLE TRIGGER events_append_only`);
  await db.pool.query(`UPDATE ${events} SET data = $1 WHERE stream_id = $2 AND stream_version = $3`, [
    bytes.toString('utf8'),
    streamId,
    version,
  ]);
  await db.pool.query(`ALTER TABLE ${events} ENABLE TRIGGER events_append_only`);
}

describeWithService('postgres', 'PostgresEventStore', (url) => {
  // The contract as stores run, and again with one append running at a time: every append that meets
  // another waits and is stored in a group with the others waiting (group commit), so it holds for groups too.
  for (const [title, appendConcurrency] of [
    ['postgres', undefined],
    ['postgres, appends in groups', 1],
  ] as const) {
    eventStoreContract(title, async (clock) => {
      const db = freshTestSchema(url, 4);
      const store = new PostgresEventStore({
        connectionString: url,
        schema: db.schema,
        clock: clock.now,
        appendConcurrency,
      });
      return {
        store,
        tamper: (streamId, version) => tamperData(db, streamId, version),
        cleanup: async () => {
          await store.close();
          await db.drop();
        },
      };
    });
  }

  describe('group commit', () => {
    let db: TestSchema;
    let store: PostgresEventStore;
    beforeEach(() => {
      db = freshTestSchema(url, 4);
      store = new PostgresEventStore({ pool: db.pool, schema: db.schema, appendConcurrency: 1 });
    });
    afterEach(async () => {
      await store.close();
      await db.drop();
    });

    /** The transaction of each stored event, by stream and version. */
    const transactions = async () =>
      (
        await db.pool.query<{ key: string; tx: string }>(
          `SELECT stream_id || '@' || stream_version AS key, transaction_id::text AS tx
           FROM ${quoteIdent(db.schema)}.events ORDER BY global_position`,
        )
      ).rows;

    it('stores the appends that wait together, in one transaction, each with its own result and chain', async () => {
      const first = store.append('s-0', [ev('A', { n: 0 })], { expectedVersion: 'no-stream' });
      const waiting = Array.from({ length: 12 }, (_, i) =>
        store.append(`s-${i + 1}`, [ev('A', { n: i + 1 }), ev('B')], {
          expectedVersion: 'no-stream',
          commandId: `cmd-${i + 1}`,
        }),
      );
      const results = await Promise.all([first, ...waiting]);
      expect(results.map((r) => [r.streamId, r.nextExpectedVersion, r.duplicate])).toEqual([
        ['s-0', 1, false],
        ...Array.from({ length: 12 }, (_, i) => [`s-${i + 1}`, 2, false]),
      ]);
      const rows = await transactions();
      // The first went alone; the twelve that waited for it went in one transaction.
      expect(new Set(rows.slice(1).map((r) => r.tx)).size).toBe(1);
      expect(rows[0].tx).not.toBe(rows[1].tx);
      // Each result's positions are those its events were stored at.
      const stored = await db.pool.query<{ key: string; p: string }>(
        `SELECT stream_id || '@' || stream_version AS key, global_position AS p FROM ${quoteIdent(db.schema)}.events`,
      );
      const positionOf = new Map(stored.rows.map((r) => [r.key, Number(r.p)]));
      for (const r of results) {
        expect(r.positions).toEqual(
          Array.from({ length: r.nextExpectedVersion }, (_, v) => positionOf.get(`${r.streamId}@${v + 1}`)),
        );
      }
      expect(
        await store.append('s-3', [ev('A', { n: 3 }), ev('B')], { expectedVersion: 'no-stream', commandId: 'cmd-3' }),
      ).toMatchObject({ duplicate: true, positions: results[3].positions });
      expect(await store.verify()).toMatchObject({ ok: true, events: 25 });
    });

    it('lets a writer it answered append again before the next group starts, and stores it in that group', async () => {
      const writer = store
        .append('a', [ev('A1')], { expectedVersion: 'no-stream' })
        .then(() => store.append('a', [ev('A2')], { expectedVersion: 1 }));
      const other = store.append('b', [ev('B1')], { expectedVersion: 'no-stream' });
      await Promise.all([writer, other]);
      const rows = await transactions();
      expect(rows.map((r) => r.key)).toEqual(['a@1', 'b@1', 'a@2']);
      expect(rows[1].tx).toBe(rows[2].tx);
      expect(rows[0].tx).not.toBe(rows[1].tx);
      expect(await store.verify()).toMatchObject({ ok: true, events: 3 });
    });

    it('stores the next appends of the writers a group answered in one group, none alone', async () => {
      const blocker = store.append('blocker', [ev('X')], { expectedVersion: 'no-stream' });
      const writers = ['a', 'b', 'c'].map((s) =>
        store
          .append(s, [ev('First')], { expectedVersion: 'no-stream' })
          .then(() => store.append(s, [ev('Second')], { expectedVersion: 1 })),
      );
      await Promise.all([blocker, ...writers]);
      const tx = new Map((await transactions()).map((r) => [r.key, r.tx]));
      expect(new Set(['a@1', 'b@1', 'c@1'].map((k) => tx.get(k))).size).toBe(1);
      expect(new Set(['a@2', 'b@2', 'c@2'].map((k) => tx.get(k))).size).toBe(1);
      expect(tx.get('a@2')).not.toBe(tx.get('a@1'));
    });

    it('stores one-event appends and batches mixed in a group, a command sent twice in it once', async () => {
      const blocker = store.append('blocker', [ev('X')], { expectedVersion: 'no-stream' });
      const [one, batch, again, single] = await Promise.all([
        store.append('mixed', [ev('M1')], { expectedVersion: 'no-stream', commandId: 'once' }),
        store.append('batch', [ev('B1'), ev('B2')], { expectedVersion: 'no-stream' }),
        store.append('mixed', [ev('M1')], { expectedVersion: 'no-stream', commandId: 'once' }),
        store.append('single', [ev('S1')], { expectedVersion: 'no-stream' }),
        blocker,
      ]);
      expect(new Set((await transactions()).slice(1).map((r) => r.tx)).size).toBe(1);
      expect([one.duplicate, again.duplicate]).toEqual([false, true]);
      expect(again).toMatchObject({ nextExpectedVersion: 1, positions: one.positions });
      expect([batch.nextExpectedVersion, single.nextExpectedVersion]).toEqual([2, 1]);
      expect([...one.positions, ...batch.positions, ...single.positions]).toEqual([2, 3, 4, 5]);
      expect((await store.readStream('mixed')).map((e) => e.type)).toEqual(['M1']);
      expect(await store.verify()).toMatchObject({ ok: true, events: 5 });
    });

    it('fails only the append of a group whose expected version is wrong, and seals again one that guessed the head', async () => {
      await store.append('known', [ev('K1')], { expectedVersion: 'no-stream' });
      await store.append('other-process', [ev('O1')], { expectedVersion: 'no-stream' });
      // Another process moves 'other-process' on: this store's head for it is now a wrong guess.
      const elsewhere = new PostgresEventStore({ pool: db.pool, schema: db.schema });
      await elsewhere.append('other-process', [ev('O2')], { expectedVersion: 1 });
      const blocker = store.append('blocker', [ev('X')], { expectedVersion: 'no-stream' });
      const [stale, guessed, fine] = await Promise.allSettled([
        store.append('known', [ev('K2')], { expectedVersion: 5 }),
        store.append('other-process', [ev('O3')], { expectedVersion: 'any' }),
        store.append('fresh', [ev('F1')], { expectedVersion: 'no-stream' }),
        blocker,
      ]);
      expect(stale).toMatchObject({ status: 'rejected', reason: { name: 'ConcurrencyError', actual: 1 } });
      expect(guessed).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 3 } });
      expect(fine).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
      expect((await store.readStream('known')).map((e) => e.type)).toEqual(['K1']);
      expect((await store.readStream('other-process')).map((e) => e.type)).toEqual(['O1', 'O2', 'O3']);
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('checks each batch of a group as alone: a stale one fails, a guessed head is sealed again, a resent command is a duplicate', async () => {
      await store.append('known', [ev('K1'), ev('K2')], { expectedVersion: 'no-stream' });
      await store.append('other-process', [ev('O1'), ev('O2')], { expectedVersion: 'no-stream' });
      const first = await store.append('sent', [ev('S1'), ev('S2')], {
        expectedVersion: 'no-stream',
        commandId: 'c-1',
      });
      const elsewhere = new PostgresEventStore({ pool: db.pool, schema: db.schema });
      await elsewhere.append('other-process', [ev('O3'), ev('O4')], { expectedVersion: 2 });
      const blocker = store.append('blocker', [ev('X')], { expectedVersion: 'no-stream' });
      const [stale, guessed, resent, fine] = await Promise.allSettled([
        store.append('known', [ev('K3'), ev('K4')], { expectedVersion: 5 }),
        store.append('other-process', [ev('O5'), ev('O6')], { expectedVersion: 'any' }),
        store.append('sent', [ev('S1'), ev('S2')], { expectedVersion: 'no-stream', commandId: 'c-1' }),
        store.append('fresh', [ev('F1'), ev('F2'), ev('F3')], { expectedVersion: 'no-stream', commandId: 'c-2' }),
        blocker,
      ]);
      expect(stale).toMatchObject({ status: 'rejected', reason: { name: 'ConcurrencyError', actual: 2 } });
      expect(guessed).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 6, duplicate: false } });
      expect(resent).toMatchObject({ status: 'fulfilled', value: { ...first, duplicate: true } });
      expect(fine).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 3, duplicate: false } });
      const freshPositions = (await store.readStream('fresh')).map((e) => e.globalPosition);
      expect(fine).toMatchObject({ value: { positions: freshPositions } });
      expect(await store.commandResult('c-2')).toMatchObject({ nextExpectedVersion: 3, positions: freshPositions });
      expect((await store.readStream('known')).map((e) => e.type)).toEqual(['K1', 'K2']);
      expect((await store.readStream('other-process')).map((e) => e.type)).toEqual([
        'O1',
        'O2',
        'O3',
        'O4',
        'O5',
        'O6',
      ]);
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('sends a group the database refuses one append at a time: only the faulty append fails', async () => {
      await store.append('taken', [{ type: 'T', data: {}, eventId: 'same-id' }], { expectedVersion: 'no-stream' });
      const blocker = store.append('blocker', [ev('X')], { expectedVersion: 'no-stream' });
      const [clash, fine] = await Promise.allSettled([
        store.append('clash', [{ type: 'T', data: {}, eventId: 'same-id' }], { expectedVersion: 'no-stream' }),
        store.append('fine', [ev('F1')], { expectedVersion: 'no-stream' }),
        blocker,
      ]);
      expect(clash).toMatchObject({ status: 'rejected', reason: { code: '23505', constraint: 'events_event_id_key' } });
      expect(fine).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
      expect(await store.streamVersion('clash')).toBeNull();
      expect(await store.verify()).toMatchObject({ ok: true, events: 3 });
    });
  });

  describe('on a real server', () => {
    let db: TestSchema;
    let store: PostgresEventStore;
    beforeEach(() => {
      db = freshTestSchema(url, 4);
      store = new PostgresEventStore({ pool: db.pool, schema: db.schema });
    });
    afterEach(async () => {
      await store.close();
      await db.drop();
    });

    it('refuses to update, delete or truncate a stored event, and keeps the row', async () => {
      await store.append('kept', [ev('Kept', { n: 1 })], { expectedVersion: 'no-stream' });
      const before = await store.readStream('kept');
      const events = `${quoteIdent(db.schema)}.events`;
      await expect(db.pool.query(`UPDATE ${events} SET data = '{"n":2}'`)).rejects.toThrow(
        'events are append-only: UPDATE',
      );
      await expect(db.pool.query(`DELETE FROM ${events} WHERE stream_id = 'kept'`)).rejects.toThrow(
        'events are append-only: DELETE',
      );
      await expect(db.pool.query(`TRUNCATE ${events}`)).rejects.toThrow('events are append-only: TRUNCATE');
      expect(await store.readStream('kept')).toEqual(before);
      expect(await store.verify()).toEqual({ ok: true, streams: 1, events: 1 });
    });

    it('keeps answering on its own pool when the server terminates its idle connections', async () => {
      const name = `ketnap_cut_${process.pid}_${Date.now()}`;
      const own = new URL(url);
      own.searchParams.set('application_name', name);
      const cut = new PostgresEventStore({ connectionString: own.toString(), schema: db.schema });
      try {
        await cut.append('cut', [ev('Before')], { expectedVersion: 'no-stream' });
        // Chosen first, then terminated one by one: only this store's backends.
        const { rows } = await db.pool.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
          [name],
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const { pid } of rows) await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the dropped connections' errors arrive
        await cut.append('cut', [ev('After')], { expectedVersion: 1 });
        expect((await cut.readStream('cut')).map((e) => e.type)).toEqual(['Before', 'After']);
      } finally {
        await cut.close();
      }
    });

    it('resolves one command sent twice at once, to two streams by two processes, to the first append', async () => {
      const otherPool = new pg.Pool({ connectionString: url, max: 1 });
      const other = new PostgresEventStore({ pool: otherPool, schema: db.schema });
      try {
        await other.headPosition();
        const [a, b] = await Promise.all([
          store.append('cmd-a', [ev('A')], { expectedVersion: 'no-stream', commandId: 'same' }),
          other.append('cmd-b', [ev('B')], { expectedVersion: 'no-stream', commandId: 'same' }),
        ]);
        const [first, second] = a.duplicate ? [b, a] : [a, b];
        expect(first.duplicate).toBe(false);
        expect(second).toEqual({ ...first, duplicate: true });
        // Read to the end: another session's write transaction on the server may hold the horizon back a moment.
        const streams: string[] = [];
        await walkLog(store, { visit: (event) => void streams.push(event.streamId) });
        expect(streams).toEqual([first.streamId]);
      } finally {
        await otherPool.end();
      }
    });

    it('turns a row another writer inserted behind its lock into a ConcurrencyError naming the version', async () => {
      await store.append('raced', [ev('R1')], { expectedVersion: 'no-stream' });
      const [head] = await store.readStream('raced');
      const intruder = new pg.Client({ connectionString: url });
      await intruder.connect();
      try {
        await intruder.query('BEGIN');
        await intruder.query(
          `INSERT INTO ${quoteIdent(db.schema)}.events (event_id, stream_id, stream_version, type, schema_version,
             data, metadata, recorded_at, prev_hash, hash)
           VALUES ('intruder', 'raced', 2, 'X', 1, '{}', '{}', now(), $1, $1)`,
          [head.hash],
        );
        const appended = store.append('raced', [ev('R2')], { expectedVersion: 1 });
        await new Promise((resolve) => setTimeout(resolve, 100));
        await intruder.query('COMMIT');
        await expect(appended).rejects.toMatchObject({ name: 'ConcurrencyError', actual: 2 });
      } finally {
        await intruder.end();
      }
    });

    it('migrates once when two processes start on one schema together, and again is a no-op', async () => {
      const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: url, max: 2 }));
      const stores = pools.map((pool) => new PostgresEventStore({ pool, schema: db.schema }));
      const appended = await Promise.all(
        stores.map((s, i) => s.append(`start-${i}`, [ev('Started')], { expectedVersion: 'no-stream' })),
      );
      expect(appended.map((a) => a.duplicate)).toEqual([false, false, false]);
      const migrations = await db.pool.query(
        `SELECT scope, version FROM ${quoteIdent(db.schema)}.schema_migrations ORDER BY version`,
      );
      expect(migrations.rows).toEqual([
        { scope: 'event-store', version: 1 },
        { scope: 'event-store', version: 2 },
        { scope: 'event-store', version: 3 },
        { scope: 'event-store', version: 4 },
        { scope: 'event-store', version: 5 },
        { scope: 'event-store', version: 6 },
        { scope: 'event-store', version: 7 },
        { scope: 'event-store', version: 8 },
      ]);
      const again = new PostgresEventStore({ pool: db.pool, schema: db.schema });
      expect(await again.headPosition()).toBe(3);
      for (const s of stores) await s.close();
      for (const pool of pools) await pool.end();
    });

    it('appends batches of every length, short ones as plain parameters, long ones as arrays', async () => {
      const lengths = [2, 3, 31, 32, 33, 100];
      for (const [i, length] of lengths.entries()) {
        const events = Array.from({ length }, (_, k) => ev('Counted', { k }));
        const result = await store.append(`batch-${i}`, events, { expectedVersion: 'no-stream', commandId: `b-${i}` });
        expect(result).toMatchObject({ nextExpectedVersion: length, duplicate: false });
        const stored = await store.readStream(`batch-${i}`);
        expect(stored.map((e) => e.data)).toEqual(events.map((e) => e.data));
        expect(result.positions).toEqual(stored.map((e) => e.globalPosition));
        const again = await store.append(`batch-${i}`, events, { expectedVersion: 'no-stream', commandId: `b-${i}` });
        expect(again).toMatchObject({ duplicate: true, positions: result.positions });
        await expect(store.append(`batch-${i}`, events, { expectedVersion: 'no-stream' })).rejects.toMatchObject({
          name: 'ConcurrencyError',
          actual: length,
        });
      }
      expect(await store.verify()).toMatchObject({ ok: true, streams: lengths.length });
    });

    it('reads the log in transaction id order as numbers, not as text, whatever their number of digits', async () => {
      await store.headPosition();
      // Rows as transactions 999, 1000 and 10000 left them (long settled): as text they sort 1000, 10000, 999.
      const events = `${quoteIdent(db.schema)}.events`;
      for (const [transactionId, position] of [
        ['10000', 3],
        ['1000', 2],
        ['999', 1],
      ] as const)
        await db.pool.query(
          `INSERT INTO ${events} (global_position, transaction_id, event_id, stream_id, stream_version, type,
             schema_version, data, metadata, recorded_at, prev_hash, hash)
           VALUES ($1, $2::xid8, $3, $4, 1, 'Old', 1, '{}', '{}', now(), 'p', 'h')`,
          [position, transactionId, `event-${position}`, `old-${position}`],
        );
      const read: number[] = [];
      for (let after = LOG_START, page = await store.readAll({ after, limit: 1 }); ;) {
        read.push(...page.events.map((e) => e.globalPosition));
        if (page.isEnd) break;
        after = page.checkpoint;
        page = await store.readAll({ after, limit: 1 });
      }
      expect(read).toEqual([1, 2, 3]);
    });

    it('upgrades a schema at version 3: one event and batches append on the chains it holds', async () => {
      // A schema of its own: the store of beforeEach migrates its schema to the latest version.
      const old = freshTestSchema(url, 2);
      await migratePostgres(old.pool, old.schema, 'event-store', PG_EVENT_STORE_MIGRATIONS.slice(0, 3));
      const at3 = sealEvents('upgraded', [ev('One'), ev('Two')], { version: 0, hash: GENESIS_HASH }, NOW, undefined);
      expect(await appendSealed(old.pool, old.schema, 0, at3, 'before-upgrade', NOW)).toMatchObject({
        outcome: 'appended',
        version: 2,
      });
      const store = new PostgresEventStore({ pool: old.pool, schema: old.schema });
      try {
        const one = await store.append('upgraded', [ev('Three')], { expectedVersion: 2 });
        const batch = await store.append('upgraded', [ev('Four'), ev('Five')], { expectedVersion: 3 });
        const single = await store.append('other', [ev('One')], { expectedVersion: 'no-stream', commandId: 'c-1' });
        expect([one.nextExpectedVersion, batch.nextExpectedVersion, single.nextExpectedVersion]).toEqual([3, 5, 1]);
        expect(batch.positions).toEqual([one.positions[0] + 1, one.positions[0] + 2]);
        expect(
          await store.append('other', [ev('One')], { expectedVersion: 'no-stream', commandId: 'c-1' }),
        ).toMatchObject({ duplicate: true, positions: single.positions });
        await expect(store.append('upgraded', [ev('Late')], { expectedVersion: 3 })).rejects.toMatchObject({
          name: 'ConcurrencyError',
          actual: 5,
        });
        expect((await store.readStream('upgraded')).map((e) => e.type)).toEqual([
          'One',
          'Two',
          'Three',
          'Four',
          'Five',
        ]);
        expect(await store.verify()).toMatchObject({ ok: true });
      } finally {
        await store.close();
        await old.drop();
      }
    });

    it('appends through functions that set no search path, in a schema whose name needs quoting', async () => {
      // A schema of its own whose name only works quoted, everywhere the functions name it.
      const schema = `${db.schema} Odd "name's`;
      const pool = new pg.Pool({ connectionString: url, max: 2, options: '-c search_path=public' });
      const odd = new PostgresEventStore({ pool, schema, appendConcurrency: 1 });
      try {
        const alone = await odd.append('s-1', [ev('One')], { expectedVersion: 'no-stream', commandId: 'c-1' });
        const group = await Promise.all([
          odd.append('s-1', [ev('Two')], { expectedVersion: 1 }),
          odd.append('s-2', [ev('One'), ev('Two')], { expectedVersion: 'no-stream', commandId: 'c-2' }),
          odd.append('s-3', [ev('One')], { expectedVersion: 'no-stream' }),
        ]);
        const batch = await odd.append('s-2', [ev('Three'), ev('Four')], { expectedVersion: 2 });
        expect([alone, ...group, batch].map((r) => r.nextExpectedVersion)).toEqual([1, 2, 2, 1, 4]);
        expect(await odd.append('s-1', [ev('One')], { expectedVersion: 'no-stream', commandId: 'c-1' })).toMatchObject({
          duplicate: true,
          positions: alone.positions,
        });
        await expect(odd.append('s-3', [ev('Late')], { expectedVersion: 'no-stream' })).rejects.toMatchObject({
          name: 'ConcurrencyError',
          actual: 1,
        });
        expect(await odd.verify()).toEqual({ ok: true, streams: 3, events: 7 });
        const { rows } = await pool.query<{ proname: string; proconfig: string[] | null }>(
          `SELECT proname, proconfig FROM pg_proc WHERE pronamespace = $1::regnamespace AND proname LIKE 'append%'
           ORDER BY proname`,
          [quoteIdent(schema)],
        );
        expect(rows).toEqual(
          ['append_event', 'append_event_groups', 'append_events'].map((proname) => ({ proname, proconfig: null })),
        );
      } finally {
        await odd.close();
        await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
        await pool.end();
      }
    });

    it('refuses a schema migrated by a newer ketnap, naming both versions', async () => {
      await store.headPosition();
      await db.pool.query(
        `INSERT INTO ${quoteIdent(db.schema)}.schema_migrations VALUES ('event-store', 99, 'future', now())`,
      );
      const newer = new PostgresEventStore({ pool: db.pool, schema: db.schema });
      await expect(newer.headPosition()).rejects.toBeInstanceOf(StoreSchemaError);
      await expect(newer.readStream('x')).rejects.toThrow(/version 99, newer than this ketnap knows \(8\)/);
    });

    it('stores the canonical JSON text SQLite stores, so the same hashes verify byte for byte', async () => {
      const sqlite = new SqliteEventStore({ path: ':memory:', clock: () => new Date('2024-03-07T02:00:00.000Z') });
      const data = { tên: 'Nguyễn Thị Hồng', z: [1, 2.5, null, { b: 1, a: 'x' }], a: 'ắ'.normalize('NFD') };
      const pgStore = new PostgresEventStore({
        pool: db.pool,
        schema: db.schema,
        clock: () => new Date('2024-03-07T02:00:00.000Z'),
      });
      const event = { type: 'Named', data, eventId: 'e-1', metadata: { ruleSet: 'qd24-2021' } };
      await sqlite.append('same', [event], { expectedVersion: 'no-stream', commandId: 'c' });
      await pgStore.append('same', [event], { expectedVersion: 'no-stream', commandId: 'c' });
      const fromSqlite = sqlite.db.prepare('SELECT data, metadata, hash FROM events').get();
      const fromPg = await db.pool.query(`SELECT data, metadata, hash FROM ${quoteIdent(db.schema)}.events`);
      expect(fromPg.rows[0]).toEqual(fromSqlite);
      await sqlite.close();
    });

    describe('importEvents', () => {
      let source: SqliteEventStore;
      let copied: EventEnvelope[];
      beforeEach(async () => {
        source = new SqliteEventStore({ path: ':memory:' });
        await source.append('imp-a', [ev('A1', { n: 1 }), ev('A2')], {
          expectedVersion: 'no-stream',
          commandId: 'k-1',
        });
        await source.append('imp-b', [ev('B1', { tên: 'Đồng Tiến' })], { expectedVersion: 'no-stream' });
        await source.append('imp-a', [ev('A3')], { expectedVersion: 2, commandId: 'k-2' });
        copied = (await source.readAll()).events;
      });
      afterEach(() => source.close());

      it('keeps every field, the hashes and the command results, and appends continue after them', async () => {
        await store.importEvents(copied.slice(0, 2));
        await store.importEvents(copied.slice(2));
        expect((await store.readAll()).events).toEqual(copied);
        expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 4 });
        expect(await store.commandResult('k-1')).toEqual(await source.commandResult('k-1'));
        expect(await store.commandResult('k-2')).toEqual(await source.commandResult('k-2'));
        const resent = await store.append('imp-a', [ev('A3')], { expectedVersion: 2, commandId: 'k-2' });
        expect(resent).toMatchObject({ duplicate: true, positions: [4] });
        const next = await store.append('imp-a', [ev('A4')], { expectedVersion: 3 });
        expect(next).toMatchObject({ nextExpectedVersion: 4, positions: [5], duplicate: false });
        expect(await store.verify('imp-a')).toEqual({ ok: true, streams: 1, events: 4 });
      });

      it('refuses a batch that does not continue the log or a stream, and stores none of it', async () => {
        await expect(store.importEvents(copied.slice(1))).rejects.toThrow(
          /at position 2: the log's next position is 1/,
        );
        await expect(store.importEvents([copied[0], copied[2]])).rejects.toThrow(
          /at position 3: the log's next position is 2/,
        );
        const skipsVersion = [copied[0], { ...copied[1], globalPosition: 2, streamVersion: 3 }];
        await expect(store.importEvents(skipsVersion)).rejects.toThrow(
          /\(imp-a version 3\): the stream is at version 1/,
        );
        await expect(store.importEvents([{ ...copied[0], streamId: 'bad id' }])).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        expect(await store.headPosition()).toBe(0);
        expect(await store.commandResult('k-1')).toBeNull();
        await store.importEvents(copied.slice(0, 2));
        await expect(store.importEvents(copied.slice(0, 2))).rejects.toBeInstanceOf(InvalidAppendError);
        await store.append('imp-b', [ev('B1')], { expectedVersion: 'no-stream' });
        const afterAppend = copied.slice(2).map((e) => ({ ...e, globalPosition: e.globalPosition + 1 }));
        await expect(store.importEvents(afterAppend)).rejects.toThrow(
          /\(imp-b version 1\): the stream is at version 1/,
        );
        expect(await store.headPosition()).toBe(3);
      });
    });
  });
});
