import Database from 'better-sqlite3';
import { decodeEvent } from '@ketnap/domain';
import {
  LOG_START,
  ensurePrivateFile,
  migrate,
  type DecodedEnvelope,
  type EventStore,
  type LogCheckpoint,
} from '@ketnap/event-store';
import { physicalTable, type ProjectionContext, type SqliteProjection, type TableNames } from '../projection';
import { isAbandoned } from './lease-owner';

export type GenerationStatus = 'building' | 'active' | 'retired';

export interface Generation {
  name: string;
  generation: number;
  version: number;
  status: GenerationStatus;
  checkpoint: LogCheckpoint;
  position: number;
  events: number;
}

const MIGRATIONS = [
  {
    version: 1,
    name: 'projection generations and leases',
    up: `
      CREATE TABLE projection_generations (
        name TEXT NOT NULL, generation INTEGER NOT NULL, version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        checkpoint TEXT NOT NULL, position INTEGER NOT NULL, events INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (name, generation));
      CREATE UNIQUE INDEX projection_one_active ON projection_generations (name) WHERE status = 'active';
      CREATE TABLE projection_leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);
    `,
  },
];

/** A read model was asked for before its first generation exists (the worker has not started it yet). */
export class ReadModelNotBuiltError extends Error {
  override readonly name = 'ReadModelNotBuiltError';
  constructor(readonly projection: string) {
    super(`read model ${projection} is not built yet`);
  }
}

/**
 * The embedded read-model database (`projections.db`, apart from the event log so a rebuild never
 * holds the log's write lock). Keeps, per projection, its generations with their checkpoints, and
 * leases that keep one runner per projection at a time.
 */
export class ProjectionDatabase {
  readonly db: Database.Database;
  private readonly contexts = new Map<string, ProjectionContext>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    if (path !== ':memory:') ensurePrivateFile(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Read models are rewritten page after page (rebuilds, bursts): a 64 MiB page cache keeps their indexes in memory.
    this.db.pragma('cache_size = -65536');
    migrate(this.db, 'projections', MIGRATIONS);
  }

  generations(name: string): Generation[] {
    return this.statement(
      'SELECT name, generation, version, status, checkpoint, position, events FROM projection_generations WHERE name = ? ORDER BY generation',
    ).all(name) as Generation[];
  }

  active(name: string): Generation | undefined {
    return this.generations(name).find((g) => g.status === 'active');
  }

  /** Table names of the active generation, for queries. Throws when the projection never ran. */
  tables(name: string): TableNames {
    const active = this.active(name);
    if (!active) throw new ReadModelNotBuiltError(name);
    return (logical) => physicalTable(name, active.generation, logical);
  }

  /** Starts a new generation: creates its tables, empty, at the start of the log. */
  createGeneration(projection: SqliteProjection, status: 'building' | 'active'): Generation {
    return this.db
      .transaction(() => {
        const row = this.statement('SELECT MAX(generation) AS g FROM projection_generations WHERE name = ?').get(
          projection.name,
        ) as { g: number | null };
        const generation = (row.g ?? 0) + 1;
        projection.create(this.context(projection.name, generation, status === 'building'));
        this.statement("INSERT INTO projection_generations VALUES (?, ?, ?, ?, 'start', 0, 0, ?)").run(
          projection.name,
          generation,
          projection.version,
          status,
          new Date().toISOString(),
        );
        return this.generations(projection.name).find((g) => g.generation === generation)!;
      })
      .immediate();
  }

  /**
   * Lets the projection read what it needs for a page it is about to apply to a generation
   * (`SqliteProjection.load`), outside any transaction; what it reads of `store` comes decoded.
   */
  async load(
    projection: SqliteProjection,
    generation: number,
    events: DecodedEnvelope[],
    store: Pick<EventStore, 'readStream'>,
  ): Promise<void> {
    if (!projection.load || events.length === 0) return;
    const g = this.generations(projection.name).find((x) => x.generation === generation);
    if (!g || g.status === 'retired') return;
    await projection.load(this.context(projection.name, generation, g.status === 'building', g.checkpoint), events, {
      readStream: async (...args) => (await store.readStream(...args)).map(decodeEvent),
    });
  }

  /** Applies a page to one generation and moves its checkpoint, in one transaction. */
  applyPage(
    projection: SqliteProjection,
    generation: number,
    events: DecodedEnvelope[],
    checkpoint: LogCheckpoint,
  ): boolean {
    return this.applyPages([{ projection, generation, events }], checkpoint)[0];
  }

  /**
   * Applies one page of the log to several generations (each given the events it has not applied
   * yet) and moves their checkpoints, all in one transaction. False for a generation retired meanwhile.
   */
  applyPages(
    items: ReadonlyArray<{ projection: SqliteProjection; generation: number; events: DecodedEnvelope[] }>,
    checkpoint: LogCheckpoint,
  ): boolean[] {
    return this.db
      .transaction(() =>
        items.map(({ projection, generation, events }) => {
          const current = this.statement(
            'SELECT status, checkpoint FROM projection_generations WHERE name = ? AND generation = ?',
          ).get(projection.name, generation) as { status: GenerationStatus; checkpoint: LogCheckpoint } | undefined;
          if (!current || current.status === 'retired') return false;
          if (events.length === 0) return true;
          projection.apply(
            this.context(projection.name, generation, current.status === 'building', current.checkpoint),
            events,
          );
          this.statement(
            'UPDATE projection_generations SET checkpoint = ?, position = MAX(position, ?), events = events + ?, updated_at = ? WHERE name = ? AND generation = ?',
          ).run(
            checkpoint,
            events[events.length - 1].globalPosition,
            events.length,
            new Date().toISOString(),
            projection.name,
            generation,
          );
          return true;
        }),
      )
      .immediate();
  }

  /**
   * Starts or resumes building a generation: the checkpoint after which its projection needs the
   * events it already counted once more (`SqliteProjection.resume`), or `undefined`.
   */
  resume(projection: SqliteProjection, generation: number): LogCheckpoint | undefined {
    return projection.resume?.(this.context(projection.name, generation, true));
  }

  /**
   * Applies again events a building generation already counted (up to its position), read after
   * `after`, without moving its checkpoint: what `resume` asked for.
   */
  replay(projection: SqliteProjection, generation: number, events: DecodedEnvelope[], after: LogCheckpoint): void {
    this.db
      .transaction(() => projection.apply(this.context(projection.name, generation, true, after), events))
      .immediate();
  }

  /**
   * Makes a caught-up generation the active one, retires the old and drops its tables; first the
   * projection completes what it deferred while building, in the same transaction.
   */
  swapIn(projection: SqliteProjection, generation: number): void {
    this.db
      .transaction(() => {
        projection.complete?.(this.context(projection.name, generation, true));
        for (const old of this.generations(projection.name).filter(
          (g) => g.status !== 'retired' && g.generation !== generation,
        )) {
          this.statement("UPDATE projection_generations SET status = 'retired' WHERE name = ? AND generation = ?").run(
            projection.name,
            old.generation,
          );
          this.dropTables(projection.name, old.generation);
        }
        this.statement("UPDATE projection_generations SET status = 'active' WHERE name = ? AND generation = ?").run(
          projection.name,
          generation,
        );
      })
      .immediate();
  }

  /**
   * Takes or renews a lease for `expiresInMs`; false when another owner holds an unexpired one, unless
   * that owner is a process of this host that has died (see `leaseOwner`).
   */
  lease(name: string, owner: string, expiresInMs: number, now = Date.now()): boolean {
    return this.db
      .transaction(() => {
        const held = this.statement('SELECT owner, expires_at FROM projection_leases WHERE name = ?').get(name) as
          { owner: string; expires_at: number } | undefined;
        if (held && held.owner !== owner && held.expires_at > now && !isAbandoned(held.owner)) return false;
        this.statement('INSERT OR REPLACE INTO projection_leases VALUES (?, ?, ?)').run(name, owner, now + expiresInMs);
        return true;
      })
      .immediate();
  }

  release(name: string, owner: string): void {
    this.statement('DELETE FROM projection_leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  /** A prepared statement of the database's own tables, cached by its SQL text (prepared once, run on every page). */
  private statement(sql: string): Database.Statement {
    return prepared(this.db, this.statements, sql);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private context(
    name: string,
    generation: number,
    building = false,
    after: LogCheckpoint = LOG_START,
  ): ProjectionContext {
    const key = `${name}#${generation}`;
    let ctx = this.contexts.get(key);
    if (!ctx) {
      const statements = new Map<string, Database.Statement>();
      const db = this.db;
      ctx = {
        db,
        table: (logical) => physicalTable(name, generation, logical),
        prepare: <P extends unknown[], R>(sql: string) =>
          prepared(db, statements, sql) as unknown as Database.Statement<P, R>,
        building: false,
        after: LOG_START,
      };
      this.contexts.set(key, ctx);
    }
    return { ...ctx, building, after };
  }

  private dropTables(name: string, generation: number): void {
    const prefix = physicalTable(name, generation, '');
    const tables = this.statement("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?").all(
      prefix.length,
      prefix,
    ) as Array<{ name: string }>;
    for (const t of tables) this.db.exec(`DROP TABLE "${t.name}"`);
    this.contexts.delete(`${name}#${generation}`);
  }
}

/** The statement of `sql` in `cache`, prepared the first time. */
function prepared(db: Database.Database, cache: Map<string, Database.Statement>, sql: string): Database.Statement {
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}
