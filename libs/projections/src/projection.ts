import type Database from 'better-sqlite3';
import type { DecodedEnvelope, EventStore, LogCheckpoint } from '@ketnap/event-store';

/** What a projection may read of the event store before a page: earlier events of a stream, decoded. */
export interface StreamReader {
  readStream(...args: Parameters<EventStore['readStream']>): Promise<DecodedEnvelope[]>;
}

/** Physical table name of a logical read-model table in the generation being written or read. */
export type TableNames = (logical: string) => string;

/** What a projection gets while applying a page: the database, its tables and a statement cache. */
export interface ProjectionContext {
  db: Database.Database;
  table: TableNames;
  /** A prepared statement, cached per generation by its SQL text (write `${table('x')}` in it). */
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R>;
  /**
   * True while the generation is being built (a rebuild): nobody reads it until `complete` has run
   * and it is swapped in, so `apply` may keep work in memory (see `resume`) and defer it to `complete`.
   */
  building: boolean;
  /** The checkpoint the page being applied was read after. */
  after: LogCheckpoint;
}

/**
 * A read model kept in the embedded database. Each generation has its own tables, so a rebuild
 * fills fresh ones while the live ones keep answering, and swaps them in when caught up. It reads
 * events decoded (typed domain events, an unknown type as `UnknownEvent`), never raw data.
 */
export interface SqliteProjection {
  /** Kebab-case name, e.g. `dossier-list`. */
  readonly name: string;
  /** Bump it when `create` or `apply` changes: the runner then rebuilds from position 0. */
  readonly version: number;
  /** Creates the tables (and indexes) of one generation. */
  create(ctx: ProjectionContext): void;
  /**
   * Reads, before a page's transaction and outside it, what `apply` will need that its tables do not
   * keep (e.g. the earlier events of the streams the page touches). Optional.
   */
  load?(ctx: ProjectionContext, events: DecodedEnvelope[], streams: StreamReader): Promise<void>;
  /**
   * Applies a page of events in log order. Runs inside the transaction that also stores the
   * checkpoint, so it must not do I/O outside the database. Must be deterministic.
   */
  apply(ctx: ProjectionContext, events: DecodedEnvelope[]): void;
  /**
   * Called when a rebuild starts or resumes this generation, before any page: forgets what memory
   * holds of it and returns the checkpoint after which the events it already counted but kept in
   * memory only must be applied again (`apply` must then skip what its tables already hold), or
   * `undefined`. Optional: without it every page's effect is in the tables when the page commits.
   */
  resume?(ctx: ProjectionContext): LogCheckpoint | undefined;
  /**
   * Finishes what `apply` deferred while `building`, in the transaction that swaps the generation
   * in (so a rebuild killed before it resumes and runs it then). Optional.
   */
  complete?(ctx: ProjectionContext): void;
}

export function physicalTable(name: string, generation: number, logical: string): string {
  return `rm_${name.replace(/[^a-z0-9]/gi, '_')}_g${generation}_${logical}`;
}
