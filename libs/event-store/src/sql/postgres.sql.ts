import { types, type Pool, type PoolClient } from 'pg';
import { resilientPool } from './postgres-pool';
import type { SqlDatabase, SqlValue } from './sql-database';

export interface PostgresSqlOptions {
  /** `postgres://…` (DATABASE_URL). */
  url: string;
  /** The schema every table lives in (created when missing); default `ketnap_read`. */
  schema?: string;
  /** Pooled connections (default 4). */
  max?: number;
}

const SCHEMA = /^[a-z_][a-z0-9_]*$/;
const INT8 = 20;
const NUMERIC = 1700;

/**
 * BIGINT (counts included) and NUMERIC (sums) as numbers, as SQLite returns them: positions,
 * versions and counts stay far below 2^53.
 */
const NUMBERS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? Number : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/**
 * {@link SqlDatabase} over a `pg` pool, every table in one schema (the connections' `search_path`).
 * `?` placeholders become `$1…$n`; DDL written for SQLite is translated once: `INTEGER` → `BIGINT`,
 * `WITHOUT ROWID` dropped, and text columns `COLLATE "C"` so they sort in SQLite's binary order. A
 * transaction runs on one pooled connection.
 */
export class PostgresSql implements SqlDatabase {
  readonly dialect = 'postgres';
  readonly schema: string;
  private readonly pool: Pool;
  private readonly queries: PgQueries;

  private constructor(options: PostgresSqlOptions) {
    this.schema = options.schema ?? 'ketnap_read';
    if (!SCHEMA.test(this.schema)) throw new Error(`schema ${this.schema}: use lower-case letters, digits and _`);
    this.pool = resilientPool({
      connectionString: options.url,
      max: options.max ?? 4,
      options: `-c search_path=${this.schema}`,
      types: NUMBERS,
    });
    this.queries = new PgQueries(this.pool, new Map());
  }

  /**
   * Connects and creates the schema when missing. Under a lock held to the end of that transaction:
   * `CREATE SCHEMA IF NOT EXISTS` alone is not safe when two processes start together (the second
   * fails on the catalog's unique index instead of finding the schema there).
   */
  static async open(options: PostgresSqlOptions): Promise<PostgresSql> {
    const sql = new PostgresSql(options);
    try {
      await sql.transaction(async (tx) => {
        await tx.get("SELECT pg_advisory_xact_lock(hashtext('ketnap create schema ' || ?)) AS locked", [sql.schema]);
        await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${sql.schema}`);
      });
    } catch (error) {
      await sql.pool.end();
      throw error;
    }
    return sql;
  }

  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return this.queries.all<R>(sql, params);
  }

  get<R>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined> {
    return this.queries.get<R>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.queries.run(sql, params);
  }

  exec(script: string): Promise<void> {
    return this.queries.exec(script);
  }

  async transaction<T>(fn: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The server may drop the connection between two of the transaction's queries (a restart,
    // pg_terminate_backend): kept, not thrown at the process; the next query fails and the client is discarded.
    const dropped = (error: Error) => (broken = error);
    client.on('error', dropped);
    try {
      await client.query('BEGIN');
      try {
        const result = await fn(this.queries.on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      }
    } finally {
      client.off('error', dropped);
      client.release(broken);
    }
  }

  /** Drops the schema and everything in it (tests' throw-away schemas). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Queries on the pool or on one transaction's connection, each SQL text translated once. */
class PgQueries implements SqlDatabase {
  readonly dialect = 'postgres';

  constructor(
    private readonly target: Pick<Pool, 'query'> | PoolClient,
    private readonly texts: Map<string, string>,
  ) {}

  on(client: PoolClient): SqlDatabase {
    return new PgQueries(client, this.texts);
  }

  async all<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  async get<R>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.query(sql, params)).rows[0] as R | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    await this.target.query(postgresDdl(script));
  }

  transaction<T>(fn: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    if (!('release' in this.target)) throw new Error('a transaction starts on the database');
    return fn(this);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the database, not its transaction'));
  }

  private query(sql: string, params: readonly SqlValue[]) {
    let text = this.texts.get(sql);
    if (text === undefined) this.texts.set(sql, (text = numberedPlaceholders(sql)));
    return this.target.query(text, params as SqlValue[]);
  }
}

/** `?` → `$1…$n`, outside quoted strings and identifiers. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      out += `$${(n += 1)}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** SQLite DDL in PostgreSQL's words: 64-bit integers, no `WITHOUT ROWID`, text in binary (C) order. */
export function postgresDdl(script: string): string {
  return script
    .replace(/\)\s*WITHOUT ROWID/gi, ')')
    .replace(/\bINTEGER\b/g, 'BIGINT')
    .replace(/\bTEXT\b/g, 'TEXT COLLATE "C"');
}
