import Database from 'better-sqlite3';
import { ensurePrivateFile } from '../private-files';
import type { SqlDatabase, SqlValue } from './sql-database';

export interface SqliteSqlOptions {
  /** Page cache in KiB (SQLite's default is 2 MiB); read models rewritten page after page want more. */
  cacheKiB?: number;
}

/**
 * {@link SqlDatabase} over one better-sqlite3 connection. Statements run synchronously and are
 * prepared once per SQL text. A transaction (`BEGIN IMMEDIATE`) holds an async mutex until it ends:
 * an `await` inside it yields the event loop, and meanwhile every other use of the connection (a
 * read outside the transaction included) waits, or it would see a half-applied page.
 */
export class SqliteSql implements SqlDatabase {
  readonly dialect = 'sqlite';
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private locked = false;
  private readonly waiting: Array<() => void> = [];
  /** What a transaction's `fn` gets: the connection itself, past the mutex its transaction holds. */
  private readonly tx: SqlDatabase;

  constructor(path: string, options: SqliteSqlOptions = {}) {
    if (path !== ':memory:') ensurePrivateFile(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    if (options.cacheKiB) this.db.pragma(`cache_size = -${Math.round(options.cacheKiB)}`);
    const tx: SqlDatabase = {
      dialect: 'sqlite',
      all: async (sql, params = []) => this.statement(sql).all(...params) as never[],
      get: async (sql, params = []) => this.statement(sql).get(...params) as never,
      run: async (sql, params = []) => ({ changes: this.statement(sql).run(...params).changes }),
      exec: async (script) => void this.db.exec(script),
      transaction: (fn) => fn(tx),
      close: () => Promise.reject(new Error('close the database, not its transaction')),
    };
    this.tx = tx;
  }

  all<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.outside(() => this.statement(sql).all(...params) as R[]);
  }

  get<R>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return this.outside(() => this.statement(sql).get(...params) as R | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.outside(() => ({ changes: this.statement(sql).run(...params).changes }));
  }

  exec(script: string): Promise<void> {
    return this.outside(() => void this.db.exec(script));
  }

  async transaction<T>(fn: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      this.statement('BEGIN IMMEDIATE').run();
      try {
        const result = await fn(this.tx);
        this.statement('COMMIT').run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.statement('ROLLBACK').run();
        throw error;
      }
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    await this.acquire();
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.release();
    }
  }

  /** Runs `work` at once when no transaction holds the connection, else once it has ended. */
  private async outside<T>(work: () => T): Promise<T> {
    if (!this.locked) return work();
    await this.acquire();
    try {
      return work();
    } finally {
      this.release();
    }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the connection to the next waiter, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.locked = false;
  }
}
