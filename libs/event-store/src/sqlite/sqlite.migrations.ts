import type Database from 'better-sqlite3';
import { StoreSchemaError } from '../errors';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/**
 * The embedded store's schema, one numbered step at a time. A step is never edited once released:
 * add a new one. Other libraries (timers, read models) keep their own migration lists in the same
 * file under their own `scope`.
 */
export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'events, streams and commands',
    up: `
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY,
        event_id        TEXT    NOT NULL UNIQUE,
        stream_id       TEXT    NOT NULL,
        stream_version  INTEGER NOT NULL,
        type            TEXT    NOT NULL,
        schema_version  INTEGER NOT NULL,
        data            TEXT    NOT NULL,
        metadata        TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        prev_hash       TEXT    NOT NULL,
        hash            TEXT    NOT NULL,
        UNIQUE (stream_id, stream_version)
      );
      CREATE TABLE commands (
        command_id     TEXT    PRIMARY KEY,
        stream_id      TEXT    NOT NULL,
        next_version   INTEGER NOT NULL,
        positions      TEXT    NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'events are append-only',
    // Stops a bug or a careless hand in a SQL shell; someone with write access to the file can drop
    // these triggers, which is what signed checkpoints shipped off the machine catch.
    up: `
      CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `,
  },
];

/**
 * Applies the pending migrations of one scope in a single transaction, and refuses a database that a
 * newer ketnap has already migrated further.
 */
export function migrate(db: Database.Database, scope: string, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    scope TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (scope, version))`);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE scope = ?').get(scope) as {
      v: number | null;
    };
    const current = row.v ?? 0;
    if (current > latest) {
      throw new StoreSchemaError(
        `${db.name}: the ${scope} schema is at version ${current}, newer than this ketnap knows (${latest}); upgrade ketnap`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (scope, version, name, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)) {
      db.exec(m.up);
      record.run(scope, m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}
