import { StoreSchemaError } from '../errors';
import type { Migration } from '../sqlite/sqlite.migrations';
import type { SqlDatabase } from './sql-database';

/**
 * `migrate` for a {@link SqlDatabase} (SQLite or PostgreSQL): applies the pending migrations of one
 * scope in a single transaction, and refuses a schema that a newer ketnap has already migrated further.
 */
export async function migrateSql(sql: SqlDatabase, scope: string, migrations: Migration[]): Promise<void> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  await sql.transaction(async (tx) => {
    // Two migrations at once (two processes starting, or two stores of one process on a fresh schema): the
    // second waits for the first, from before the table is created, which PostgreSQL's `IF NOT EXISTS`
    // alone does not make safe. SQLite's BEGIN IMMEDIATE does so already.
    if (tx.dialect === 'postgres')
      await tx.get("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))");
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      scope TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
      PRIMARY KEY (scope, version))`);
    const row = await tx.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations WHERE scope = ?', [
      scope,
    ]);
    const current = row?.v ?? 0;
    if (current > latest)
      throw new StoreSchemaError(
        `the ${scope} schema is at version ${current}, newer than this ketnap knows (${latest}); upgrade ketnap`,
      );
    for (const m of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
      await tx.exec(m.up);
      await tx.run('INSERT INTO schema_migrations (scope, version, name, applied_at) VALUES (?, ?, ?, ?)', [
        scope,
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
  });
}
