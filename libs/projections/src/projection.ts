import type { DecodedEnvelope, EventStore, LogCheckpoint, SqlDatabase } from '@ketnap/event-store';

/** What a projection may read of the event store before a page: earlier events of a stream, decoded. */
export interface StreamReader {
  readStream(...args: Parameters<EventStore['readStream']>): Promise<DecodedEnvelope[]>;
}

/** Physical table name of a logical read-model table in the generation being written or read. */
export type TableNames = (logical: string) => string;

/** What a projection gets while applying a page: the transaction to write in, and its tables. */
export interface ProjectionContext {
  /**
   * The transaction the page is applied in, with the checkpoint (outside `apply`, `complete` and
   * `create`: the database). SQL is written once for SQLite and PostgreSQL (see `SqlDatabase`), with
   * `${table('x')}` for a table's name.
   */
  sql: SqlDatabase;
  /** The database the generation lives in, whatever the transaction: what a projection keeps in memory of a generation is keyed by it. */
  database: SqlDatabase;
  table: TableNames;
  /**
   * True while the generation is being built (a rebuild): nobody reads it until `complete` has run
   * and it is swapped in, so `apply` may keep work in memory (see `resume`) and defer it to `complete`.
   */
  building: boolean;
  /** The checkpoint the page being applied was read after. */
  after: LogCheckpoint;
}

/**
 * A read model kept in the read-model database (SQLite beside the embedded store, a PostgreSQL schema
 * beside a PostgreSQL store), one code for both. Each generation has its own tables, so a rebuild
 * fills fresh ones while the live ones keep answering, and swaps them in when caught up. It reads
 * events decoded (typed domain events, an unknown type as `UnknownEvent`), never raw data.
 */
export interface Projection {
  /** Kebab-case name, e.g. `dossier-list`. */
  readonly name: string;
  /** Bump it when `create` or `apply` changes: the runner then rebuilds from position 0. */
  readonly version: number;
  /**
   * What applying the log costs this read model, relative to the others (default 1: a few rows for a
   * few event types); a rebuild split across threads balances them by it (`splitByCost`).
   */
  readonly cost?: number;
  /** Creates the tables (and indexes) of one generation. */
  create(ctx: ProjectionContext): Promise<void>;
  /**
   * Reads, before a page's transaction and outside it, what `apply` will need that its tables do not
   * keep (e.g. the earlier events of the streams the page touches). While building, it may also fold
   * the page into what memory holds, leaving `apply` only the writes: the transaction then holds the
   * database for the SQL alone, and a rebuild in another thread writes meanwhile. Optional.
   */
  load?(ctx: ProjectionContext, events: DecodedEnvelope[], streams: StreamReader): Promise<void>;
  /**
   * Applies a page of events in log order. Runs inside the transaction that also stores the
   * checkpoint, so it must do no I/O but through `ctx.sql`. Must be deterministic.
   */
  apply(ctx: ProjectionContext, events: DecodedEnvelope[]): Promise<void>;
  /**
   * Called when a rebuild starts or resumes this generation, before any page: forgets what memory
   * holds of it and returns the checkpoint after which the events it already counted but kept in
   * memory only must be applied again (`apply` must then skip what its tables already hold), or
   * `undefined`. Optional: without it every page's effect is in the tables when the page commits.
   */
  resume?(ctx: ProjectionContext): Promise<LogCheckpoint | undefined>;
  /**
   * Finishes what `apply` deferred while `building`, in the transaction that swaps the generation
   * in (so a rebuild killed before it resumes and runs it then). Optional.
   */
  complete?(ctx: ProjectionContext): Promise<void>;
}

/**
 * The projections in two groups of about the same `cost`, the costliest placed first, each in the
 * group with less so far; the second group is the lighter (or empty for one projection).
 */
export function splitByCost(projections: readonly Projection[]): [Projection[], Projection[]] {
  const groups: [Projection[], Projection[]] = [[], []];
  const costs = [0, 0];
  const costOf = (p: Projection) => p.cost ?? 1;
  for (const p of [...projections].sort((a, b) => costOf(b) - costOf(a))) {
    const lighter = costs[0] <= costs[1] ? 0 : 1;
    groups[lighter].push(p);
    costs[lighter] += costOf(p);
  }
  return costs[0] >= costs[1] ? groups : [groups[1], groups[0]];
}

export function physicalTable(name: string, generation: number, logical: string): string {
  return `rm_${name.replace(/[^a-z0-9]/gi, '_')}_g${generation}_${logical}`;
}
