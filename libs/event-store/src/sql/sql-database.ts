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
