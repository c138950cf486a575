import Database from 'better-sqlite3';
import { assertAppendable, checkExpectedVersion, parseStoredJson, sealEvents } from '../envelope';
import {
  LOG_START,
  type AppendOptions,
  type AppendResult,
  type EventEnvelope,
  type EventStore,
  type LogCheckpoint,
  type LogPage,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Subscription,
  type SubscriptionOptions,
  type VerifyResult,
} from '../event-store.port';
import { InvalidAppendError } from '../errors';
import { GENESIS_HASH, canonicalJson } from '../hash-chain';
import { checkImport, importedCommands } from '../import-events';
import { comparePositionCheckpoints, decodePosition, encodePosition } from '../log-position';
import { PollingSubscription } from '../polling-subscription';
import { ensurePrivateFile } from '../private-files';
import { verifyStreamEvents, verifyWholeLog, type ChainLink } from '../verify';
import { EVENT_STORE_MIGRATIONS, migrate } from './sqlite.migrations';

export interface SqliteEventStoreOptions {
  /** Database file, or `:memory:`. It and its folder are created private (0600, 0700) when missing. */
  path: string;
  /**
   * `NORMAL` (default) survives a crash of the process with every committed append; `FULL` also
   * survives a power loss, at the price of an fsync per commit.
   */
  synchronous?: 'NORMAL' | 'FULL';
  clock?: () => Date;
  /** Opens an existing file as it is (a copy to audit): nothing is created, migrated or written. */
  readonly?: boolean;
}

/**
 * An event row as an array, in `COLUMNS` order: the reading statements return raw rows, which
 * better-sqlite3 builds much faster than objects (reading the log is what a rebuild waits on).
 */
type EventRow = [
  globalPosition: number,
  eventId: string,
  streamId: string,
  streamVersion: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  prevHash: string,
  hash: string,
];

const COLUMNS =
  'global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, prev_hash, hash';

/** An append waiting for the next commit. */
interface QueuedAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Stream versions a connection keeps at most (all forgotten past it): enough for the streams written
 * and read again and again, while a reader of every stream in turn (the deadline saga catching up with
 * the log) does not keep one entry per stream (about 8 MiB for 67,000 dossiers).
 */
const KNOWN_VERSIONS = 10_000;

/**
 * The embedded event store on SQLite (better-sqlite3, WAL). One writer at a time: appends are
 * committed in `IMMEDIATE` transactions, so the expected-version check and the insert see the same
 * stream head even with several processes on one file. `globalPosition` is the rowid, so the log has
 * no holes. Appends made while the event loop turns are committed together (group commit): one
 * transaction, each append in a savepoint of its own, so one refused (a version conflict) takes
 * nothing of the others with it; each resolves once the transaction is committed.
 */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly commitTx: (batch: QueuedAppend[]) => {
    dataVersion: number;
    outcomes: Array<{ result: AppendResult } | { error: unknown }>;
  };
  private readonly importTx: (events: EventEnvelope[]) => { dataVersion: number; heads: Map<string, ChainLink> };
  private readonly statements;
  private queued: QueuedAppend[] = [];
  /**
   * Stream versions this connection knows, valid while no other connection has committed (SQLite's
   * `data_version` is unchanged): then a stream's version, or that a stream has nothing after a
   * version, is known without a query. This connection's own appends keep them current.
   */
  private readonly known = { dataVersion: -1, versions: new Map<string, number>(), checkedThisTurn: false };

  constructor(options: SqliteEventStoreOptions) {
    if (options.readonly) {
      this.db = new Database(options.path, { readonly: true, fileMustExist: true });
    } else {
      if (options.path !== ':memory:') ensurePrivateFile(options.path);
      this.db = new Database(options.path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    }
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(this.db, 'event-store', EVENT_STORE_MIGRATIONS);
    this.clock = options.clock ?? (() => new Date());
    this.statements = {
      head: this.db.prepare<[string], { v: number; h: string }>(
        'SELECT stream_version AS v, hash AS h FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
      ),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The version alone is read from the (stream_id, stream_version) index, without the row.
      version: this.db.prepare<[string], { v: number | null }>(
        'SELECT MAX(stream_version) AS v FROM events WHERE stream_id = ?',
      ),
      // The append's last event tells when it was recorded.
      command: this.db.prepare<
        [string],
        { stream_id: string; next_version: number; positions: string; recorded_at: string | null }
      >(
        `SELECT c.stream_id, c.next_version, c.positions, e.recorded_at FROM commands c
         LEFT JOIN events e ON e.stream_id = c.stream_id AND e.stream_version = c.next_version
         WHERE c.command_id = ?`,
      ),
      importInsert: this.db.prepare(
        `INSERT INTO events (global_position, event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      importCommand: this.db.prepare(
        `INSERT INTO commands (command_id, stream_id, next_version, positions) VALUES (?, ?, ?, ?)
         ON CONFLICT (command_id) DO UPDATE SET stream_id = excluded.stream_id,
           next_version = excluded.next_version, positions = excluded.positions`,
      ),
      recordCommand: this.db.prepare(
        'INSERT INTO commands (command_id, stream_id, next_version, positions) VALUES (?, ?, ?, ?)',
      ),
      readStream: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version BETWEEN ? AND ? ORDER BY stream_version`,
        )
        .raw(true),
      readStreamUpTo: this.db
        .prepare<[string, number, number, string], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_version BETWEEN ? AND ? AND recorded_at <= ? ORDER BY stream_version`,
        )
        .raw(true),
      readAll: this.db
        .prepare<[number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
        )
        .raw(true),
      headPosition: this.db.prepare<[], { p: number | null }>('SELECT MAX(global_position) AS p FROM events'),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
    };
    // A transaction function called inside another runs in a savepoint, rolled back alone when it throws.
    const appendOne = this.db.transaction((item: QueuedAppend) =>
      this.appendInTransaction(item.streamId, item.events, item.options),
    );
    // `data_version` is read inside the write transaction, when no other connection can commit: the
    // versions the batch leaves are known as of it.
    // An append alone in its turn needs no savepoint: when it fails, the whole transaction rolls back.
    this.commitTx = this.db.transaction((batch: QueuedAppend[]) => ({
      dataVersion: this.statements.dataVersion.get() as number,
      outcomes:
        batch.length === 1
          ? [{ result: this.appendInTransaction(batch[0].streamId, batch[0].events, batch[0].options) }]
          : batch.map((item) => {
              try {
                return { result: appendOne(item) };
              } catch (error) {
                return { error };
              }
            }),
    })).immediate;
    this.importTx = this.db.transaction((events: EventEnvelope[]) => ({
      dataVersion: this.statements.dataVersion.get() as number,
      heads: this.importInTransaction(events),
    })).immediate;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    return new Promise((resolve, reject) => {
      this.queued.push({ streamId, events, options, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  /** Commits the appends queued since the last commit, in one transaction; a failed commit refuses them all. */
  private commitQueued(): void {
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) return;
    let committed: ReturnType<SqliteEventStore['commitTx']>;
    try {
      committed = this.commitTx(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const versions = this.knownVersions(committed.dataVersion);
    committed.outcomes.forEach((outcome, i) => {
      if (!('result' in outcome)) return batch[i].reject(outcome.error);
      if (!outcome.result.duplicate) versions.set(outcome.result.streamId, outcome.result.nextExpectedVersion);
      batch[i].resolve(outcome.result);
    });
  }

  private appendInTransaction(streamId: string, events: NewEvent[], options: AppendOptions): AppendResult {
    const s = this.statements;
    if (options.commandId !== undefined) {
      const first = this.findCommand(options.commandId);
      if (first) return first;
    }
    const head = s.head.get(streamId);
    checkExpectedVersion(streamId, options.expectedVersion, head ? head.v : null);
    const recordedAt = this.clock().toISOString();
    const sealed = sealEvents(
      streamId,
      events,
      { version: head?.v ?? 0, hash: head?.h ?? GENESIS_HASH },
      recordedAt,
      options.commandId,
    );
    const positions = sealed.map((e) => {
      const info = s.insert.run(
        e.eventId,
        e.streamId,
        e.streamVersion,
        e.type,
        e.schemaVersion,
        e.dataJson,
        e.metadataJson,
        recordedAt,
        e.prevHash,
        e.hash,
      );
      return Number(info.lastInsertRowid);
    });
    const nextExpectedVersion = sealed[sealed.length - 1].streamVersion;
    if (options.commandId !== undefined) {
      s.recordCommand.run(options.commandId, streamId, nextExpectedVersion, JSON.stringify(positions));
    }
    return { streamId, nextExpectedVersion, positions, duplicate: false, recordedAt };
  }

  /** One `IMMEDIATE` transaction: the checks see the head the inserts extend, even with other processes on the file. */
  async importEvents(events: EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    let imported: ReturnType<SqliteEventStore['importTx']>;
    try {
      imported = this.importTx(events);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new InvalidAppendError(
          `cannot import the events: ${(error as Error).message} (an event id is already stored)`,
        );
      }
      throw error;
    }
    const versions = this.knownVersions(imported.dataVersion);
    for (const [streamId, head] of imported.heads) versions.set(streamId, head.version);
  }

  private importInTransaction(events: EventEnvelope[]): Map<string, ChainLink> {
    const s = this.statements;
    const heads = checkImport(events, s.headPosition.get()?.p ?? 0, (streamId) => {
      const head = s.head.get(streamId);
      return head && { version: head.v, hash: head.h };
    });
    for (const e of events) {
      s.importInsert.run(
        e.globalPosition,
        e.eventId,
        e.streamId,
        e.streamVersion,
        e.type,
        e.schemaVersion,
        canonicalJson(e.data),
        canonicalJson(e.metadata),
        e.metadata.recordedAt,
        e.prevHash,
        e.hash,
      );
    }
    for (const [commandId, result] of importedCommands(events, (id) => this.findCommand(id))) {
      s.importCommand.run(commandId, result.streamId, result.nextExpectedVersion, JSON.stringify(result.positions));
    }
    return heads;
  }

  async commandResult(commandId: string): Promise<AppendResult | null> {
    return this.findCommand(commandId);
  }

  private findCommand(commandId: string): AppendResult | null {
    const first = this.statements.command.get(commandId);
    if (!first) return null;
    return {
      streamId: first.stream_id,
      nextExpectedVersion: first.next_version,
      positions: JSON.parse(first.positions),
      duplicate: true,
      ...(first.recorded_at !== null && { recordedAt: first.recorded_at }),
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    const versions = this.knownVersions();
    const version = versions.get(streamId);
    if (version !== undefined && version < from) return [];
    const rows =
      options.recordedUpTo === undefined
        ? this.statements.readStream.all(streamId, from, to)
        : this.statements.readStreamUpTo.all(streamId, from, to, new Date(options.recordedUpTo).toISOString());
    // Read to the end of the stream: its last event is the stream's version until someone appends.
    if (rows.length > 0 && to === Number.MAX_SAFE_INTEGER && options.recordedUpTo === undefined)
      versions.set(streamId, rows[rows.length - 1][3]);
    return rows.map(toEnvelope);
  }

  async streamVersion(streamId: string): Promise<number | null> {
    const versions = this.knownVersions();
    const known = versions.get(streamId);
    if (known !== undefined) return known;
    const version = this.statements.version.get(streamId)?.v ?? null;
    if (version !== null) versions.set(streamId, version);
    return version;
  }

  /**
   * The stream versions known for sure: forgotten as soon as another connection has committed.
   * `dataVersion`: the one read before what the caller is about to record (default: now).
   */
  private knownVersions(dataVersion?: number): Map<string, number> {
    const known = this.known;
    // Bounded on every call: a reader of every stream in one turn of the event loop (a catch-up that
    // only awaits promises) would otherwise keep one entry per stream until the turn ends.
    if (known.versions.size > KNOWN_VERSIONS) known.versions.clear();
    if (dataVersion === undefined) {
      // Asked once a turn of the event loop: what another connection commits meanwhile is seen on
      // the next turn, as if the read had come a moment earlier.
      if (known.checkedThisTurn) return known.versions;
      dataVersion = this.statements.dataVersion.get() as number;
      known.checkedThisTurn = true;
      setImmediate(() => (known.checkedThisTurn = false));
    }
    if (dataVersion !== known.dataVersion) {
      known.versions.clear();
      known.dataVersion = dataVersion;
    }
    return known.versions;
  }

  async readAll(options: ReadAllOptions = {}): Promise<LogPage> {
    const after = decodePosition(options.after ?? LOG_START);
    const limit = options.limit ?? 500;
    const events = this.statements.readAll.all(after, limit).map(toEnvelope);
    const last = events[events.length - 1];
    const isEnd = events.length < limit || last.globalPosition >= (this.statements.headPosition.get()?.p ?? 0);
    return {
      events,
      checkpoint: last ? encodePosition(last.globalPosition) : (options.after ?? LOG_START),
      checkpoints: events.map((e) => encodePosition(e.globalPosition)),
      isEnd,
    };
  }

  compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
    return comparePositionCheckpoints(a, b);
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get()?.p ?? 0;
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return new PollingSubscription(this, options);
  }

  async verify(streamId?: string): Promise<VerifyResult> {
    return streamId === undefined ? verifyWholeLog(this) : verifyStreamEvents(await this.readStream(streamId));
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.commitQueued();
    this.db.close();
  }
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row[1],
    streamId: row[2],
    streamVersion: row[3],
    globalPosition: row[0],
    type: row[4],
    schemaVersion: row[5],
    data: parseStoredJson(row[6]),
    metadata: parseStoredJson(row[7]) as EventEnvelope['metadata'],
    prevHash: row[8],
    hash: row[9],
  };
}
