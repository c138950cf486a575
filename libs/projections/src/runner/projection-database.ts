import { decodeEvent } from '@ketnap/domain';
import {
  LOG_START,
  SqliteSql,
  fenceLease,
  migrateSql,
  releaseLease,
  tableNames,
  takeLease,
  type DecodedEnvelope,
  type LeaseRecord,
  type EventStore,
  type LogCheckpoint,
  type SqlDatabase,
} from '@ketnap/event-store';
import { physicalTable, type Projection, type ProjectionContext, type TableNames } from '../projection';

/** The table of the runners' leases (see `lease`). */
const LEASES = 'projection_leases';

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
  {
    version: 2,
    name: 'lease fencing tokens',
    up: 'ALTER TABLE projection_leases ADD COLUMN token INTEGER NOT NULL DEFAULT 0;',
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
 * A checkpoint write by a process whose lease another took meanwhile (it was paused past the lease's
 * end, say): the transaction is rolled back, so the new holder's work is never overwritten.
 */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(readonly lease: LeaseRecord) {
    super(`lease ${lease.name} is no longer held by ${lease.owner} (token ${lease.token})`);
  }
}

/**
 * The read-model database: on SQLite `projections.db`, apart from the event log so a rebuild never
 * holds the log's write lock; on PostgreSQL a schema. Keeps, per projection, its generations with
 * their checkpoints, and leases that keep one runner per projection at a time.
 */
export class ProjectionDatabase {
  /** Each generation's table names, by `<name>#<generation>` (asked for on every row a page writes). */
  private readonly names = new Map<string, TableNames>();

  private constructor(readonly sql: SqlDatabase) {}

  /** The read models' database on `sql`, its own tables migrated. */
  static async open(sql: SqlDatabase): Promise<ProjectionDatabase> {
    await migrateSql(sql, 'projections', MIGRATIONS);
    return new ProjectionDatabase(sql);
  }

  /**
   * The embedded read-model database at `path` (`:memory:` for tests). A row's old content is zeroed
   * in the page that is written anyway (`secure_delete = FAST`, no extra I/O): a purged personal
   * column (an erasure) does not linger, sealed, in the page's free space. `cacheKiB`: the page cache
   * (default SQLite's own, about 2 MiB).
   */
  static async openSqlite(path: string, { cacheKiB }: { cacheKiB?: number } = {}): Promise<ProjectionDatabase> {
    const sql = new SqliteSql(path, { cacheKiB });
    await sql.exec('PRAGMA secure_delete = FAST');
    return ProjectionDatabase.open(sql);
  }

  generations(name: string, sql: SqlDatabase = this.sql): Promise<Generation[]> {
    return sql.all<Generation>(
      'SELECT name, generation, version, status, checkpoint, position, events FROM projection_generations WHERE name = ? ORDER BY generation',
      [name],
    );
  }

  async active(name: string): Promise<Generation | undefined> {
    return (await this.generations(name)).find((g) => g.status === 'active');
  }

  /** Table names of the active generation, for queries. Throws when the projection never ran. */
  async tables(name: string): Promise<TableNames> {
    const active = await this.active(name);
    if (!active) throw new ReadModelNotBuiltError(name);
    return (logical) => physicalTable(name, active.generation, logical);
  }

  /** Starts a new generation: creates its tables, empty, at the start of the log. */
  createGeneration(projection: Projection, status: 'building' | 'active'): Promise<Generation> {
    return this.sql.transaction(async (tx) => {
      const row = await tx.get<{ g: number | null }>(
        'SELECT MAX(generation) AS g FROM projection_generations WHERE name = ?',
        [projection.name],
      );
      const generation = (row?.g ?? 0) + 1;
      await projection.create(this.context(tx, projection.name, generation, status === 'building'));
      await tx.run("INSERT INTO projection_generations VALUES (?, ?, ?, ?, 'start', 0, 0, ?)", [
        projection.name,
        generation,
        projection.version,
        status,
        new Date().toISOString(),
      ]);
      return (await this.generations(projection.name, tx)).find((g) => g.generation === generation)!;
    });
  }

  /**
   * Lets the projection read what it needs for a page it is about to apply to a generation
   * (`Projection.load`), outside any transaction; what it reads of `store` comes decoded. `after`: the
   * checkpoint the page was read after, when it is not the generation's (events applied again, `replay`).
   */
  async load(
    projection: Projection,
    generation: number,
    events: DecodedEnvelope[],
    store: Pick<EventStore, 'readStream'>,
    after?: LogCheckpoint,
  ): Promise<void> {
    if (!projection.load || events.length === 0) return;
    const g = (await this.generations(projection.name)).find((x) => x.generation === generation);
    if (!g || g.status === 'retired') return;
    await projection.load(
      this.context(this.sql, projection.name, generation, g.status === 'building', after ?? g.checkpoint),
      events,
      { readStream: async (...args) => (await store.readStream(...args)).map(decodeEvent) },
    );
  }

  /** Applies a page to one generation and moves its checkpoint, in one transaction. */
  async applyPage(
    projection: Projection,
    generation: number,
    events: DecodedEnvelope[],
    checkpoint: LogCheckpoint,
    fence: readonly LeaseRecord[] = [],
  ): Promise<boolean> {
    return (await this.applyPages([{ projection, generation, events }], checkpoint, fence))[0];
  }

  /**
   * Applies one page of the log to several generations (each given the events it has not applied
   * yet) and moves their checkpoints, all in one transaction, which first checks that every lease of
   * `fence` is still held (else `LeaseLostError`), extending each to `extendTo` when given (ms since
   * the epoch): a rebuild renews its leases with its writes. False for a generation retired meanwhile.
   */
  applyPages(
    items: ReadonlyArray<{ projection: Projection; generation: number; events: DecodedEnvelope[] }>,
    checkpoint: LogCheckpoint,
    fence: readonly LeaseRecord[] = [],
    extendTo?: number,
  ): Promise<boolean[]> {
    return this.sql.transaction(async (tx) => {
      await this.checkFence(tx, fence, extendTo);
      const applied: boolean[] = [];
      for (const { projection, generation, events } of items) {
        const current = await tx.get<{ status: GenerationStatus; checkpoint: LogCheckpoint; position: number }>(
          'SELECT status, checkpoint, position FROM projection_generations WHERE name = ? AND generation = ?',
          [projection.name, generation],
        );
        applied.push(current !== undefined && current.status !== 'retired');
        if (!current || current.status === 'retired' || events.length === 0) continue;
        await projection.apply(
          this.context(tx, projection.name, generation, current.status === 'building', current.checkpoint),
          events,
        );
        await tx.run(
          'UPDATE projection_generations SET checkpoint = ?, position = ?, events = events + ?, updated_at = ? WHERE name = ? AND generation = ?',
          [
            checkpoint,
            highestPosition(events, current.position),
            events.length,
            new Date().toISOString(),
            projection.name,
            generation,
          ],
        );
      }
      return applied;
    });
  }

  /**
   * Starts or resumes building a generation: the checkpoint after which its projection needs the
   * events it already counted once more (`Projection.resume`), or `undefined`.
   */
  async resume(projection: Projection, generation: number): Promise<LogCheckpoint | undefined> {
    return projection.resume?.(this.context(this.sql, projection.name, generation, true));
  }

  /**
   * Applies again events a building generation already counted (up to its checkpoint), read after
   * `after`, without moving its checkpoint: what `resume` asked for.
   */
  replay(
    projection: Projection,
    generation: number,
    events: DecodedEnvelope[],
    after: LogCheckpoint,
    fence: readonly LeaseRecord[] = [],
  ): Promise<void> {
    return this.sql.transaction(async (tx) => {
      await this.checkFence(tx, fence);
      await projection.apply(this.context(tx, projection.name, generation, true, after), events);
    });
  }

  /**
   * Makes a caught-up generation the active one, retires the old and drops its tables; first the
   * projection completes what it deferred while building, in the same transaction.
   */
  swapIn(projection: Projection, generation: number, fence: readonly LeaseRecord[] = []): Promise<void> {
    return this.sql.transaction(async (tx) => {
      await this.checkFence(tx, fence);
      await projection.complete?.(this.context(tx, projection.name, generation, true));
      for (const old of await this.generations(projection.name, tx)) {
        if (old.status === 'retired' || old.generation === generation) continue;
        await tx.run("UPDATE projection_generations SET status = 'retired' WHERE name = ? AND generation = ?", [
          projection.name,
          old.generation,
        ]);
        await dropTables(tx, projection.name, old.generation);
      }
      await tx.run("UPDATE projection_generations SET status = 'active' WHERE name = ? AND generation = ?", [
        projection.name,
        generation,
      ]);
    });
  }

  /**
   * Takes or renews a lease for `expiresInMs`; `undefined` while another owner holds an unexpired
   * one. Taking it from another owner moves its token on, which fences the former holder's writes
   * (`LeaseLostError`). A lease is handed over when it expires: a runner renews its own on every page
   * (every poll once caught up), so a process that stopped renewing loses it `expiresInMs` after its
   * last renewal at the latest. On SQLite (one host) an owner that is a dead process of this host
   * loses it at once (see `leaseOwner`).
   */
  lease(name: string, owner: string, expiresInMs: number, now = Date.now()): Promise<LeaseRecord | undefined> {
    return this.sql.transaction((tx) => takeLease(tx, LEASES, { name, owner, ttlMs: expiresInMs, now }));
  }

  /** Gives a lease up (it expires now); its token stays, so the next holder's moves on. */
  release(name: string, owner: string): Promise<void> {
    return releaseLease(this.sql, LEASES, name, owner);
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  /**
   * Throws `LeaseLostError` unless every lease still names its owner with its token (then extended to
   * `extendTo`, when given). An update, not a read, so that on PostgreSQL it locks the lease row until
   * the transaction ends: a taker waits.
   */
  private async checkFence(tx: SqlDatabase, fence: readonly LeaseRecord[], extendTo?: number): Promise<void> {
    for (const lease of fence) if (!(await fenceLease(tx, LEASES, lease, extendTo))) throw new LeaseLostError(lease);
  }

  private context(
    sql: SqlDatabase,
    name: string,
    generation: number,
    building = false,
    after: LogCheckpoint = LOG_START,
  ): ProjectionContext {
    return { sql, database: this.sql, table: this.tableNames(name, generation), building, after };
  }

  private tableNames(name: string, generation: number): TableNames {
    const key = `${name}#${generation}`;
    let names = this.names.get(key);
    if (!names) {
      const physical = new Map<string, string>();
      names = (logical) => {
        let table = physical.get(logical);
        if (table === undefined) physical.set(logical, (table = physicalTable(name, generation, logical)));
        return table;
      };
      this.names.set(key, names);
    }
    return names;
  }
}

/** The highest position of a page and `position`: on PostgreSQL a page's positions do not always grow. */
function highestPosition(events: readonly DecodedEnvelope[], position: number): number {
  let highest = position;
  for (const e of events) if (e.globalPosition > highest) highest = e.globalPosition;
  return highest;
}

async function dropTables(tx: SqlDatabase, name: string, generation: number): Promise<void> {
  const prefix = physicalTable(name, generation, '');
  for (const table of await tableNames(tx)) if (table.startsWith(prefix)) await tx.exec(`DROP TABLE ${table}`);
}
