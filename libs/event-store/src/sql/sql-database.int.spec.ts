import { randomUUID } from 'node:crypto';
import { describeWithService } from '../../../../test/support/services';
import { forEachSqlDialect } from '../../../../test/support/sql-dialects';
import { PostgresSql } from './postgres.sql';
import { migrateSql } from './sql-migrations';
import { columnNames, deleteRows, insertRows, placeholders, tableNames, type SqlDatabase } from './sql-database';

/** What every SqlDatabase does the same on both dialects: the read models count on it. */
function sqlContract(open: () => Promise<{ sql: SqlDatabase; drop: () => Promise<void> }>): void {
  let sql: SqlDatabase;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ sql, drop } = await open());
    await sql.exec(
      'CREATE TABLE items (id TEXT PRIMARY KEY, n INTEGER NOT NULL, note TEXT) WITHOUT ROWID; CREATE INDEX items_n ON items (n);',
    );
  });
  afterEach(() => drop());

  const upsert = 'INSERT INTO items (id, n, note) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET n = excluded.n';

  it('binds ? placeholders, upserts, and returns integers, counts and sums as numbers', async () => {
    await sql.run(upsert, ['a', 1, 'x']);
    expect(await sql.run(upsert, ['a', 2, 'y'])).toEqual({ changes: 1 });
    await sql.run(upsert, ['b', 3_000_000_000, null]);
    expect(await sql.all('SELECT id, n, note FROM items ORDER BY id')).toEqual([
      { id: 'a', n: 2, note: 'x' },
      { id: 'b', n: 3_000_000_000, note: null },
    ]);
    expect(await sql.get('SELECT COUNT(*) AS total_rows, SUM(n) AS sum_n FROM items')).toEqual({
      total_rows: 2,
      sum_n: 3_000_000_002,
    });
    expect(await sql.get('SELECT id FROM items WHERE id = ?', ['none'])).toBeUndefined();
    expect(await sql.all(`SELECT id FROM items WHERE id IN (${placeholders(0)})`, [])).toEqual([]);
  });

  it("inserts and deletes rows in bulk, past one statement's chunk", async () => {
    const rows = Array.from({ length: 1203 }, (_, i) => [`r${String(i).padStart(4, '0')}`, i, null]);
    await insertRows(sql, 'items (id, n, note)', rows);
    await insertRows(
      sql,
      'items (id, n, note)',
      [['r0000', 7, 'again']],
      'ON CONFLICT (id) DO UPDATE SET n = excluded.n',
    );
    expect(await sql.get('SELECT COUNT(*) AS total, SUM(n) AS sum_n FROM items')).toEqual({
      total: 1203,
      sum_n: (1202 * 1203) / 2 + 7,
    });
    await deleteRows(
      sql,
      'items',
      'id',
      rows.slice(0, 1200).map(([id]) => id),
    );
    expect((await sql.all<{ id: string }>('SELECT id FROM items ORDER BY id')).map((r) => r.id)).toEqual([
      'r1200',
      'r1201',
      'r1202',
    ]);
  });

  it('orders text in binary order, as SQLite does', async () => {
    for (const id of ['b', 'B', 'á', 'a', 'Z', '1']) await sql.run(upsert, [id, 0, null]);
    expect((await sql.all<{ id: string }>('SELECT id FROM items ORDER BY id')).map((r) => r.id)).toEqual([
      '1',
      'B',
      'Z',
      'a',
      'b',
      'á',
    ]);
  });

  it('commits a transaction whole, rolls it back whole on an error, and makes reads outside wait for it', async () => {
    await sql.transaction(async (tx) => {
      await tx.run(upsert, ['a', 1, null]);
      await tx.run(upsert, ['b', 2, null]);
    });
    let release!: () => void;
    const paused = new Promise<void>((resolve) => (release = resolve));
    const failing = sql.transaction(async (tx) => {
      await tx.run('UPDATE items SET n = n + 10', []);
      await paused;
      throw new Error('page failed');
    });
    const outside = sql.all<{ n: number }>('SELECT n FROM items ORDER BY id');
    release();
    await expect(failing).rejects.toThrow('page failed');
    expect((await outside).map((r) => r.n)).toEqual([1, 2]);
    expect((await sql.all<{ n: number }>('SELECT n FROM items ORDER BY id')).map((r) => r.n)).toEqual([1, 2]);
  });

  it('lists its tables and columns, and migrates once per scope', async () => {
    const migrations = [{ version: 1, name: 'one', up: 'CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT)' }];
    await migrateSql(sql, 'test', migrations);
    await migrateSql(sql, 'test', migrations);
    expect(await tableNames(sql)).toEqual(['items', 'schema_migrations', 'things']);
    expect(await columnNames(sql, 'things')).toEqual(['id', 'label']);
    await expect(migrateSql(sql, 'test', [])).rejects.toThrow('the test schema is at version 1');
  });
}

forEachSqlDialect('SqlDatabase', sqlContract);

describeWithService('postgres', 'PostgresSql.open', (url) => {
  it('lets several processes create one missing schema at once', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '')}`;
    const opened = await Promise.all(Array.from({ length: 6 }, () => PostgresSql.open({ url, schema, max: 1 })));
    try {
      for (const sql of opened) expect(await sql.get<{ one: number }>('SELECT 1 AS one')).toEqual({ one: 1 });
    } finally {
      await opened[0].dropSchema();
      await Promise.all(opened.map((sql) => sql.close()));
    }
  });

  it('fails a transaction whose connection the server drops between two queries, and answers after it', async () => {
    const name = `ketnap_cut_${process.pid}_${Date.now()}`;
    const own = new URL(url);
    own.searchParams.set('application_name', name);
    const schema = `t_${randomUUID().replace(/-/g, '')}`;
    const sql = await PostgresSql.open({ url: own.toString(), schema, max: 1 });
    const admin = await PostgresSql.open({ url, schema, max: 1 });
    try {
      await sql.exec('CREATE TABLE items (id TEXT PRIMARY KEY)');
      const cutThenInsert = sql.transaction(async (tx) => {
        await tx.run('INSERT INTO items (id) VALUES (?)', ['lost']);
        // Chosen first, then terminated one by one: only this database's backend.
        const backends = await admin.all<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE application_name = ?',
          [name],
        );
        for (const { pid } of backends) await admin.get('SELECT pg_terminate_backend(?) AS cut', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 200)); // the dropped connection's error arrives
        await tx.run('INSERT INTO items (id) VALUES (?)', ['after']);
      });
      await expect(cutThenInsert).rejects.toThrow();
      await sql.run('INSERT INTO items (id) VALUES (?)', ['kept']);
      expect(await sql.all('SELECT id FROM items ORDER BY id')).toEqual([{ id: 'kept' }]);
    } finally {
      await admin.dropSchema();
      await Promise.all([sql.close(), admin.close()]);
    }
  });
});
