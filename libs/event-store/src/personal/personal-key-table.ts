import type { Migration } from '../sqlite/sqlite.migrations';
import { inLists, type SqlDatabase } from '../sql/sql-database';
import { migrateSql } from '../sql/sql-migrations';

/** One subject's data key as the key table holds it. */
export interface PersonalKeyRecord {
  subjectId: string;
  /** The data key wrapped by a master key (`wrapDataKey`); null once destroyed. */
  wrapped: string | null;
  createdAt: string;
  /** When the key was destroyed (erasure): what it sealed can no longer be opened, by anyone. */
  destroyedAt: string | null;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'personal data keys',
    up: `
      CREATE TABLE personal_keys (
        subject_id   TEXT NOT NULL PRIMARY KEY,
        wrapped      TEXT,
        created_at   TEXT NOT NULL,
        destroyed_at TEXT
      ) WITHOUT ROWID;
    `,
  },
];

type Row = { subject_id: string; wrapped: string | null; created_at: string; destroyed_at: string | null };

/**
 * PostgreSQL sessions, autovacuum aside, that hold a vacuum back from removing a row version a
 * transaction `?` replaced: a snapshot of this database taken before it ended, or a transaction of any
 * database begun before it (the vacuum's own snapshot counts it as running).
 */
const OLDER_SESSIONS = `
  SELECT COUNT(*) AS n FROM pg_stat_activity
  WHERE pid <> pg_backend_pid() AND backend_type <> 'autovacuum worker'
    AND (age(backend_xid) >= age(?::xid) OR (datname = current_database() AND age(backend_xmin) >= age(?::xid)))`;

export interface PersonalKeyTableOptions {
  /**
   * PostgreSQL: how long a destruction waits, before its vacuum, for the sessions that could still see
   * the key's old row version to end (default 5 s). Past it the vacuum runs anyway, and that version
   * stays on disk until a later vacuum.
   */
  vacuumWaitMs?: number;
}

const toRecord = (row: Row): PersonalKeyRecord => ({
  subjectId: row.subject_id,
  wrapped: row.wrapped,
  createdAt: row.created_at,
  destroyedAt: row.destroyed_at,
});

/**
 * The table of wrapped data keys, one row per subject, on SQLite or PostgreSQL (`SqlDatabase`). Only
 * wrapped keys are stored: without the master key the table opens nothing. A destroyed key leaves its
 * row (the subject had data, now erased) with no key in it; it is never created again, so nothing
 * written after an erasure can be read by a key made later either.
 */
export class PersonalKeyTable {
  private constructor(
    private readonly sql: SqlDatabase,
    private readonly vacuumWaitMs: number,
  ) {}

  /**
   * The table in `sql`, migrated. On SQLite, deleted content is overwritten (`secure_delete`), so that
   * a destroyed key does not linger in the file's free pages.
   */
  static async open(sql: SqlDatabase, options: PersonalKeyTableOptions = {}): Promise<PersonalKeyTable> {
    if (sql.dialect === 'sqlite') await sql.exec('PRAGMA secure_delete = ON');
    await migrateSql(sql, 'personal-keys', MIGRATIONS);
    return new PersonalKeyTable(sql, options.vacuumWaitMs ?? 5000);
  }

  /** The records of those of `subjectIds` that have one. */
  async find(subjectIds: readonly string[]): Promise<Map<string, PersonalKeyRecord>> {
    const found = new Map<string, PersonalKeyRecord>();
    for (const { list, values } of inLists([...new Set(subjectIds)])) {
      const rows = await this.sql.all<Row>(`SELECT * FROM personal_keys WHERE subject_id IN (${list})`, values);
      for (const row of rows) found.set(row.subject_id, toRecord(row));
    }
    return found;
  }

  /**
   * Stores the subject's wrapped key unless the subject has a record already (another process made
   * its key first, or the key was destroyed): answers the record that stands.
   */
  async create(subjectId: string, wrapped: string, createdAt: string): Promise<PersonalKeyRecord> {
    await this.sql.run(
      'INSERT INTO personal_keys (subject_id, wrapped, created_at, destroyed_at) VALUES (?, ?, ?, NULL) ON CONFLICT (subject_id) DO NOTHING',
      [subjectId, wrapped, createdAt],
    );
    const row = await this.sql.get<Row>('SELECT * FROM personal_keys WHERE subject_id = ?', [subjectId]);
    return toRecord(row!);
  }

  /**
   * Destroys the subject's key (a record without a key stays, for a key is never made for it again).
   * True when a key was destroyed now; false when there was none, or it was destroyed before.
   */
  async destroy(subjectId: string, destroyedAt: string): Promise<boolean> {
    const { changes } = await this.sql.run(
      'INSERT INTO personal_keys (subject_id, wrapped, created_at, destroyed_at) VALUES (?, NULL, ?, ?) ON CONFLICT (subject_id) DO UPDATE SET wrapped = NULL, destroyed_at = excluded.destroyed_at WHERE personal_keys.destroyed_at IS NULL',
      [subjectId, destroyedAt, destroyedAt],
    );
    // The write-ahead log still holds the page as it was before: copied back into the file (where
    // secure_delete zeroed the key) and emptied. Best effort: a reader active meanwhile delays it.
    if (changes > 0 && this.sql.dialect === 'sqlite') await this.sql.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    // PostgreSQL keeps the row as it was (the wrapped key) as a dead version in the table's pages until
    // a vacuum: VACUUM FULL writes the table anew without it, once no session can see it any more. One
    // row per dossier, and erasures are rare. What the server's WAL and its archives hold of it goes
    // when they rotate (README, "Personal data").
    if (changes > 0 && this.sql.dialect === 'postgres') {
      await this.olderSessionsEnded(subjectId);
      await this.sql.exec('VACUUM FULL personal_keys');
    }
    return changes > 0;
  }

  /** Waits, at most `vacuumWaitMs`, until no session holds a vacuum back from the subject's old row. */
  private async olderSessionsEnded(subjectId: string): Promise<void> {
    const { xid } = (await this.sql.get<{ xid: string }>(
      'SELECT xmin::text AS xid FROM personal_keys WHERE subject_id = ?',
      [subjectId],
    ))!;
    const until = Date.now() + this.vacuumWaitMs;
    while ((await this.sql.get<{ n: number }>(OLDER_SESSIONS, [xid, xid]))!.n > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** How many subjects have a record (a key, or a destroyed one). */
  async count(): Promise<number> {
    return (await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM personal_keys'))!.n;
  }

  /** Records in subject order after `after` (null: from the first), for a rotation or a copy. */
  async page(after: string | null, limit: number): Promise<PersonalKeyRecord[]> {
    const rows = await this.sql.all<Row>(
      'SELECT * FROM personal_keys WHERE subject_id > ? ORDER BY subject_id LIMIT ?',
      [after ?? '', limit],
    );
    return rows.map(toRecord);
  }

  /** Replaces a wrapped key by the same data key wrapped anew, if the row still holds `expected`. */
  async rewrap(subjectId: string, expected: string, wrapped: string): Promise<boolean> {
    const { changes } = await this.sql.run(
      'UPDATE personal_keys SET wrapped = ? WHERE subject_id = ? AND wrapped = ?',
      [wrapped, subjectId, expected],
    );
    return changes > 0;
  }

  /**
   * Copies records another table holds (a move between stores, perhaps resumed): a subject this table
   * has keeps its key, except that a destruction always carries over.
   */
  async importRecords(records: readonly PersonalKeyRecord[]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const r of records) {
        await tx.run(
          `INSERT INTO personal_keys (subject_id, wrapped, created_at, destroyed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (subject_id) DO UPDATE SET wrapped = NULL, destroyed_at = excluded.destroyed_at
           WHERE excluded.destroyed_at IS NOT NULL AND personal_keys.destroyed_at IS NULL`,
          [r.subjectId, r.wrapped, r.createdAt, r.destroyedAt],
        );
      }
    });
  }
}
