import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSql, SqliteSql, type SqlDatabase } from '@ketnap/event-store';
import { describeWithService } from './services';

/** A throw-away {@link SqlDatabase}: a SQLite file in a temporary folder, or a fresh PostgreSQL schema. */
export interface TestSql {
  sql: SqlDatabase;
  /** Closes it and removes the folder or drops the schema. */
  drop(): Promise<void>;
}

/**
 * Runs `body` once on SQLite and once on PostgreSQL (when it answers; skipped with the reason otherwise,
 * failing under KETNAP_REQUIRE_SERVICES=1). `open()` gives a database of its own on each call.
 */
export function forEachSqlDialect(title: string, body: (open: () => Promise<TestSql>) => void): void {
  describe(`${title} (SQLite)`, () => body(async () => openSqliteTestSql()));
  describeWithService('postgres', `${title} (PostgreSQL)`, (url) => body(() => openPostgresTestSql(url)));
}

export function openSqliteTestSql(): TestSql {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-sql-'));
  const sql = new SqliteSql(join(dir, 'state.db'));
  return {
    sql,
    drop: async () => {
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgresTestSql(url: string): Promise<TestSql> {
  const sql = await PostgresSql.open({ url, schema: `t_${randomUUID().replace(/-/g, '')}` });
  return {
    sql,
    drop: async () => {
      await sql.dropSchema();
      await sql.close();
    },
  };
}
