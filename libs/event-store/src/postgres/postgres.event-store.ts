import type pg from 'pg';
import { assertAppendable, checkExpectedVersion, parseStoredJson, sealEvents } from '../envelope';
import { ConcurrencyError } from '../errors';
import {
  LOG_START,
  type AppendOptions,
  type AppendResult,
  type EventEnvelope,
  type EventStore,
  type ExpectedVersion,
  type LogCheckpoint,
  type LogPage,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Subscription,
  type SubscriptionOptions,
  type VerifyResult,
} from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { resilientPool } from '../sql/postgres-pool';
import { PollingSubscription } from '../polling-subscription';
import { verifyStreamEvents, verifyWholeLog, type ChainLink } from '../verify';
import type { AppendOutcome } from './postgres.append';
import { GroupCommitter } from './postgres.group-commit';
import { importEnvelopes } from './postgres.import';
import { comparePgCheckpoints, decodePgCheckpoint, encodePgCheckpoint } from './postgres.log-checkpoint';
import { PG_EVENT_STORE_MIGRATIONS, migratePostgres, quoteIdent } from './postgres.migrations';

export interface PostgresEventStoreOptions {
  /** Used to open a pool of the store's own when no `pool` is given. */
  connectionString?: string;
  /** A pool the caller owns: `close` leaves it open. */
  pool?: pg.Pool;
  /** The schema that holds the store's tables (default `ketnap`); created when missing. */
  schema?: string;
  clock?: () => Date;
  /**
   * How long `readAll` waits for transactions that still hold back committed events before it returns
   * a short page (default 500 ms). Such transactions usually commit within milliseconds.
   */
  settleWaitMs?: number;
  /**
   * How many appends run at once (default 4); the ones that arrive meanwhile are stored together, in
   * one call and one transaction, by the next to start (group commit).
   */
  appendConcurrency?: number;
}

type EventRow = {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  prev_hash: string;
  hash: string;
};
type LogRow = EventRow & { transaction_id: string; settled: boolean };

const COLUMNS =
  'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash';
/** Sealing against a guessed head that turned out wrong is retried this many times before giving up. */
const MAX_RESEALS = 20;

/**
 * The event store on PostgreSQL, for several API and worker processes. An append is one call of the
 * `append_event` function (one event) or `append_events` (a batch; see the migrations): one round trip,
 * committed on its own, or, when the process has more appends running than `appendConcurrency`, one of
 * a group stored in one call and one transaction (see `GroupCommitter`). The global log is read with
 * the transaction-id snapshot technique (DESIGN.md §4): only events whose transaction is older than
 * every transaction still running are handed out, in `(transaction_id, global_position)` order, so an
 * append that commits late is never skipped.
 */
export class PostgresEventStore implements EventStore {
  readonly name = 'postgres';
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly clock: () => Date;
  private readonly settleWaitMs: number;
  private readonly ready: Promise<void>;
  private readonly sql;
  /**
   * Stream heads this process saw last (its appends, reads to a stream's end): the head an append is
   * sealed against. Only a guess: the database checks it under the stream's lock, and a wrong guess
   * costs one more round trip.
   */
  private readonly heads = new Map<string, ChainLink>();
  private readonly committer: GroupCommitter;

  constructor(options: PostgresEventStoreOptions) {
    if (!options.pool && !options.connectionString) {
      throw new Error('PostgresEventStore needs a connectionString or a pool');
    }
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? resilientPool({ connectionString: options.connectionString, max: 10 });
    this.schema = options.schema ?? 'ketnap';
    this.clock = options.clock ?? (() => new Date());
    this.settleWaitMs = options.settleWaitMs ?? 500;
    this.committer = new GroupCommitter(this.pool, this.schema, options.appendConcurrency ?? 4);
    const q = quoteIdent(this.schema);
    this.sql = {
      readStream: `SELECT ${COLUMNS} FROM ${q}.events
        WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3 AND ($4::timestamptz IS NULL OR recorded_at <= $4)
        ORDER BY stream_version`,
      streamVersion: `SELECT max(stream_version) AS v FROM ${q}.events WHERE stream_id = $1`,
      headPosition: `SELECT coalesce(max(global_position), 0) AS p FROM ${q}.events`,
      command: `SELECT stream_id, next_version, positions, recorded_at FROM ${q}.command_results WHERE command_id = $1`,
      // Rows from transactions still running sort after every settled one: the settled rows are a prefix.
      // Ordered by the table's columns (`e.`): a bare `transaction_id` would name the text output column,
      // sorting ids as text (10000 before 9999, skipping events) and never by the index.
      readAll: `SELECT e.transaction_id::text, ${COLUMNS}, e.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) AS settled
        FROM ${q}.events e WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
        ORDER BY e.transaction_id, e.global_position LIMIT $3`,
    };
    this.ready = migratePostgres(this.pool, this.schema, 'event-store', PG_EVENT_STORE_MIGRATIONS);
    // Every call awaits `ready` and sees its failure; this only keeps it from being reported unhandled.
    this.ready.catch(() => undefined);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    await this.ready;
    const recordedAt = this.clock().toISOString();
    let head = this.assumedHead(streamId, options.expectedVersion);
    for (let attempt = 0; ; attempt += 1) {
      const sealed = sealEvents(streamId, events, head, recordedAt, options.commandId);
      const outcome = await this.appendOnce(streamId, head.version, sealed, options, recordedAt);
      if (outcome.outcome === 'appended') {
        this.remember(streamId, { version: outcome.version, hash: outcome.hash });
        return {
          streamId,
          nextExpectedVersion: outcome.version,
          positions: outcome.positions,
          duplicate: false,
          recordedAt,
        };
      }
      if (outcome.outcome === 'duplicate') return duplicateResult(outcome);
      const actual = outcome.version;
      if (actual === null) this.heads.delete(streamId);
      else this.remember(streamId, { version: actual, hash: outcome.hash as string });
      checkExpectedVersion(streamId, options.expectedVersion, actual);
      if (attempt >= MAX_RESEALS) throw new ConcurrencyError(streamId, options.expectedVersion, actual);
      head = { version: actual ?? 0, hash: outcome.hash ?? GENESIS_HASH };
    }
  }

  /** The head to seal against before asking the database: the expected version where it says enough. */
  private assumedHead(streamId: string, expected: ExpectedVersion): ChainLink {
    if (expected === 'no-stream' || expected === 0) return { version: 0, hash: GENESIS_HASH };
    const known = this.heads.get(streamId);
    if (known && (expected === 'any' || expected === known.version)) return known;
    // Unknown hash: the database answers with the head, and the events are sealed again.
    return typeof expected === 'number' ? { version: expected, hash: '' } : { version: 0, hash: GENESIS_HASH };
  }

  private async appendOnce(
    streamId: string,
    headVersion: number,
    sealed: ReturnType<typeof sealEvents>,
    options: AppendOptions,
    recordedAt: string,
  ): Promise<AppendOutcome> {
    try {
      return await this.committer.append({ headVersion, sealed, commandId: options.commandId, recordedAt });
    } catch (error) {
      // Rows written behind the function's lock (an import, a hand in psql) surface as a unique violation.
      if (isUniqueViolation(error, 'events_stream_version_key')) {
        const actual = await this.streamVersion(streamId);
        throw new ConcurrencyError(streamId, options.expectedVersion, actual);
      }
      throw error;
    }
  }

  private remember(streamId: string, head: ChainLink): void {
    if (this.heads.size >= 100_000) this.heads.clear();
    this.heads.set(streamId, head);
  }

  async commandResult(commandId: string): Promise<AppendResult | null> {
    await this.ready;
    const { rows } = await this.pool.query<{
      stream_id: string;
      next_version: number;
      positions: string[];
      recorded_at: string | null;
    }>(this.sql.command, [commandId]);
    if (rows.length === 0) return null;
    const row = rows[0];
    return duplicateResult({
      streamId: row.stream_id,
      version: row.next_version,
      positions: row.positions.map(Number),
      recordedAt: row.recorded_at,
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    await this.ready;
    const upTo = options.recordedUpTo === undefined ? null : new Date(options.recordedUpTo).toISOString();
    const { rows } = await this.pool.query<EventRow>(this.sql.readStream, [
      streamId,
      options.fromVersion ?? 1,
      options.toVersion ?? 2_147_483_647,
      upTo,
    ]);
    const events = rows.map(toEnvelope);
    const last = events[events.length - 1];
    if (last && options.toVersion === undefined && upTo === null) {
      this.remember(streamId, { version: last.streamVersion, hash: last.hash });
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number | null> {
    await this.ready;
    const { rows } = await this.pool.query<{ v: number | null }>(this.sql.streamVersion, [streamId]);
    return rows[0].v;
  }

  /**
   * The settled events after the checkpoint. A page cut short by a transaction still running waits
   * up to `settleWaitMs` for it; `isEnd` is true only when nothing committed lies beyond the page.
   */
  async readAll(options: ReadAllOptions = {}): Promise<LogPage> {
    await this.ready;
    const after = options.after ?? LOG_START;
    const place = decodePgCheckpoint(after);
    const limit = options.limit ?? 500;
    const deadline = Date.now() + this.settleWaitMs;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      const { rows } = await this.pool.query<LogRow>(this.sql.readAll, [
        place.transactionId,
        place.globalPosition,
        limit + 1,
      ]);
      const settled = rows.slice(0, limit).filter((row) => row.settled);
      const heldBack = settled.length < limit && rows.length > settled.length;
      if (!heldBack || Date.now() >= deadline) {
        const checkpoints = settled.map((row) =>
          encodePgCheckpoint({ transactionId: row.transaction_id, globalPosition: Number(row.global_position) }),
        );
        return {
          events: settled.map(toEnvelope),
          checkpoint: checkpoints.at(-1) ?? after,
          checkpoints,
          isEnd: rows.length === settled.length,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
    return comparePgCheckpoints(a, b);
  }

  async headPosition(): Promise<number> {
    await this.ready;
    const { rows } = await this.pool.query<{ p: string }>(this.sql.headPosition);
    return Number(rows[0].p);
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return new PollingSubscription(this, options);
  }

  async verify(streamId?: string): Promise<VerifyResult> {
    return streamId === undefined ? verifyWholeLog(this) : verifyStreamEvents(await this.readStream(streamId));
  }

  /**
   * Copies events another store sealed (a move from SQLite), keeping their positions, versions,
   * metadata and hashes. One transaction; refused with nothing stored when the batch does not continue
   * the log at the head or a stream at its version.
   */
  async importEvents(events: EventEnvelope[]): Promise<void> {
    await this.ready;
    await importEnvelopes(this.pool, this.schema, events);
    this.heads.clear();
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    if (this.ownsPool) await this.pool.end();
  }
}

function duplicateResult(found: {
  streamId: string;
  version: number;
  positions: number[];
  recordedAt: string | null;
}): AppendResult {
  return {
    streamId: found.streamId,
    nextExpectedVersion: found.version,
    positions: found.positions,
    duplicate: true,
    ...(found.recordedAt !== null && { recordedAt: found.recordedAt }),
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: parseStoredJson(row.data),
    metadata: parseStoredJson(row.metadata) as EventEnvelope['metadata'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
