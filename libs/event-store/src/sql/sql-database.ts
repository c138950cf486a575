/** The SQL dialects a {@link SqlDatabase} speaks. */
export type SqlDialect = 'sqlite' | 'postgres';

/** A parameter bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/**
 * An asynchronous SQL connection that read models, their checkpoints and (later) the saga's state
 * share over SQLite and PostgreSQL. SQL is written once, with `?` placeholders, in the subset both
 * dialects speak: `INSERT … ON CONFLICT (…) DO UPDATE SET c = excluded.c` rather than `INSERT OR
 * REPLACE`, `ON CONFLICT DO NOTHING` rather than `INSERT OR IGNORE`, no scalar `MAX(a, b)`, lower-case
 * (snake_case) column aliases. Schemas given to {@link exec} are written in SQLite's DDL (`INTEGER`,
 * `TEXT`, `WITHOUT ROWID`); the PostgreSQL implementation translates them.
 */
export interface SqlDatabase {
  readonly dialect: SqlDialect;
  /** Every row of a query. Integers (counts and sums included) come back as numbers. */
  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** The first row of a query, or `undefined`. */
  get<R>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  /** Runs a statement; `changes` is the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs a script of statements without parameters (DDL). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction, committed when its promise resolves and rolled back when it
   * rejects. Everything `fn` does goes through `tx`; nothing else uses the transaction's connection
   * meanwhile. Called on `tx`, it runs `fn` in the same transaction.
   */
  transaction<T>(fn: (tx: SqlDatabase) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?, ?, ?` for `count` values (an `IN` list); `NULL` for none, so `x IN (NULL)` holds for no row. */
export function placeholders(count: number): string {
  return count === 0 ? 'NULL' : Array.from({ length: count }, () => '?').join(', ');
}

/** The tables of the connection's schema (SQLite: the database; PostgreSQL: its schema). */
export async function tableNames(sql: SqlDatabase): Promise<string[]> {
  const rows = await sql.all<{ name: string }>(
    sql.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
      : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
  );
  return rows.map((r) => r.name);
}

/** The columns of a table, in their order. */
export async function columnNames(sql: SqlDatabase, table: string): Promise<string[]> {
  const rows = await sql.all<{ name: string }>(
    sql.dialect === 'sqlite'
      ? 'SELECT name FROM pragma_table_info(?) ORDER BY cid'
      : 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * `values` in chunks of at most `size`, each with its `?, ?, …` list: a query per chunk keeps the
 * parameters of one statement few (SQLite and PostgreSQL both cap them).
 */
export function inLists<V extends SqlValue>(values: readonly V[], size = 500): Array<{ list: string; values: V[] }> {
  const chunks: Array<{ list: string; values: V[] }> = [];
  for (let i = 0; i < values.length; i += size) {
    const chunk = values.slice(i, i + size);
    chunks.push({ list: placeholders(chunk.length), values: chunk });
  }
  return chunks;
}

/**
 * Inserts `rows` (each one value per column of `into`, e.g. `t (a, b)`), then `tail` (an `ON CONFLICT`
 * clause). On SQLite one prepared statement per row: it runs in process, a row costs microseconds. On
 * PostgreSQL multi-row statements of at most 500 rows: a round trip per chunk instead of per row.
 */
export async function insertRows(
  sql: SqlDatabase,
  into: string,
  rows: ReadonlyArray<readonly SqlValue[]>,
  tail = '',
): Promise<void> {
  if (rows.length === 0) return;
  const row = `(${placeholders(rows[0].length)})`;
  if (sql.dialect === 'sqlite') {
    const statement = `INSERT INTO ${into} VALUES ${row} ${tail}`;
    for (const values of rows) await sql.run(statement, values);
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await sql.run(`INSERT INTO ${into} VALUES ${chunk.map(() => row).join(', ')} ${tail}`, chunk.flat());
  }
}

/** Deletes the rows whose `column` is one of `values`: on SQLite a statement per value, on PostgreSQL per chunk of them. */
export async function deleteRows(
  sql: SqlDatabase,
  table: string,
  column: string,
  values: readonly SqlValue[],
): Promise<void> {
  if (sql.dialect === 'sqlite') {
    for (const value of values) await sql.run(`DELETE FROM ${table} WHERE ${column} = ?`, [value]);
    return;
  }
  for (const { list, values: chunk } of inLists(values))
    await sql.run(`DELETE FROM ${table} WHERE ${column} IN (${list})`, chunk);
}
