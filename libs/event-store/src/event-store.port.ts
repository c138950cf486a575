/** Symbol token under which the engine binds the configured {@link EventStore}. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Who caused an event: the JWT subject, role and units, or a saga. */
export interface Actor {
  sub: string;
  role: string;
  unitIds: string[];
}

export interface EventMetadata {
  actor?: Actor;
  /** Legal date of the step (YYYY-MM-DD, Asia/Ho_Chi_Minh), when the event has one. */
  occurredOn?: string;
  /** When the store recorded the event (ISO 8601 instant); set by the store. */
  recordedAt: string;
  correlationId?: string;
  causationId?: string;
  /** Id of the rule set in force on the legal date. */
  ruleSet?: string;
  /** Short SHA-256 of that rule set's parameters as they were when the event was recorded (an operator may change them). */
  ruleSetHash?: string;
  /** Idempotency key of the command that produced the event. */
  commandId?: string;
}

/** The envelope every adapter stores and returns whole (DESIGN.md §3). */
export interface EventEnvelope<D = unknown> {
  eventId: string;
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: number;
  /** Position in the global log, 1 for the store's first event. */
  globalPosition: number;
  type: string;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  prevHash: string;
  hash: string;
}

/** An event to append; the store assigns versions, position, `recordedAt` and the hashes. */
export interface NewEvent<D = unknown> {
  type: string;
  data: D;
  /** Defaults to a random UUID; sagas pass a deterministic one. */
  eventId?: string;
  schemaVersion?: number;
  metadata?: Omit<EventMetadata, 'recordedAt' | 'commandId'>;
}

/**
 * What the stream must look like for the append to go through: its current version (the number of
 * events in it), `'no-stream'` (it must not exist yet) or `'any'`.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /**
   * Idempotency key. When a command with this id was already appended, the store appends nothing and
   * returns the first append's result with `duplicate: true`.
   */
  commandId?: string;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append. */
  nextExpectedVersion: number;
  /** Global positions of the appended events (of the first append, for a duplicate). */
  positions: number[];
  duplicate: boolean;
  /** When the store recorded the events (their `metadata.recordedAt`), for a resend those of the first append. */
  recordedAt?: string;
}

export interface ReadStreamOptions {
  /** First version to return (inclusive, default 1). */
  fromVersion?: number;
  /** Last version to return (inclusive). */
  toVersion?: number;
  /** Only events recorded at or before this instant ("what did the store know then"). */
  recordedUpTo?: Date | string;
}

/**
 * A place in the global log. Opaque to consumers: each adapter encodes what it needs to resume
 * without skipping an event that commits late (PostgreSQL: transaction id and position). `'start'`
 * is before the first event.
 */
export type LogCheckpoint = string;
export const LOG_START: LogCheckpoint = 'start';

export interface ReadAllOptions {
  after?: LogCheckpoint;
  /** Page size (default 500). */
  limit?: number;
}

export interface LogPage {
  events: EventEnvelope[];
  /** Where the next page starts; equals `after` when the page is empty. */
  checkpoint: LogCheckpoint;
  /**
   * The checkpoint after each event (`checkpoints[i]` resumes after `events[i]`; the last is
   * `checkpoint`): where an event stands in log order, which its global position does not say on
   * every store (PostgreSQL). Compare them with `EventStore.compareCheckpoints`.
   */
  checkpoints: LogCheckpoint[];
  /** True when the page reached the head of the log as the store saw it. */
  isEnd: boolean;
}

export interface VerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  firstBroken?: { streamId: string; streamVersion: number; reason: string };
}

export interface SubscriptionOptions {
  after?: LogCheckpoint;
  batchSize?: number;
  /** How often to look for new events once caught up (default 200 ms). */
  pollIntervalMs?: number;
  /**
   * Called with each non-empty page, in log order. The checkpoint advances only when it resolves; a
   * rejection is retried with backoff (at-least-once: handlers must be idempotent).
   */
  handler: (page: LogPage) => Promise<void>;
  onError?: (error: unknown, attempt: number) => void;
}

export interface Subscription {
  /** The checkpoint after the last page the handler accepted. */
  readonly checkpoint: LogCheckpoint;
  /** Resolves once the subscription has read up to the head at least once. */
  caughtUp(): Promise<void>;
  /** Stops polling and waits for the page in hand to finish. */
  stop(): Promise<void>;
}

/**
 * The event store: dossier streams with optimistic concurrency, one ordered global log, and a per-stream
 * hash chain that makes tampering evident.
 */
export interface EventStore {
  /** Adapter name, as shown by `/health` (`sqlite`, `memory`, `postgres`, `eventstoredb`). */
  readonly name: string;

  /**
   * Appends events to one stream atomically: all of them or none.
   * @throws ConcurrencyError when the stream is not at `expectedVersion` (it names the actual version).
   */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /**
   * Copies events another store sealed, keeping eventId, streamId, streamVersion, globalPosition, type,
   * schemaVersion, data, metadata (`recordedAt` included) and prevHash/hash exactly: moving a deployment
   * to another store. The events come in log order; the first must be at the target's head position + 1,
   * the positions consecutive, and each event must follow its stream's head. The idempotency records are
   * filled from `metadata.commandId`, so a resend of a copied command is a duplicate on the target.
   * All of the call or nothing of it is stored.
   * @throws InvalidAppendError naming the first event that does not fit
   */
  importEvents(events: EventEnvelope[]): Promise<void>;

  /** The result of the append made under an idempotency key, or `null` when there was none. */
  commandResult(commandId: string): Promise<AppendResult | null>;

  /** The events of a stream in version order; `[]` for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;

  /** The stream's current version, or `null` when it does not exist. */
  streamVersion(streamId: string): Promise<number | null>;

  /** One page of the global log after a checkpoint, in log order, without gaps or duplicates. */
  readAll(options?: ReadAllOptions): Promise<LogPage>;

  /**
   * Orders two checkpoints of this store by the log order `readAll` hands events out in: negative
   * when `a` comes first, 0 when they are the same place, positive when `a` comes later; `LOG_START`
   * is before every other. Consumers decide "already applied" with it (an event is applied when its
   * checkpoint in `LogPage.checkpoints` is not after the consumer's), never with global positions,
   * which follow the log order only on stores that commit one append at a time (memory, SQLite).
   * @throws RangeError for a checkpoint that is not this store's
   */
  compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number;

  /**
   * The highest global position written so far (0 for an empty store). On PostgreSQL events may
   * commit below it later: good for progress, not for deciding what was read.
   */
  headPosition(): Promise<number>;

  /** Polls the global log and hands each new page to a handler. */
  subscribe(options: SubscriptionOptions): Subscription;

  /** Recomputes the hash chain of one stream, or of every stream when none is named. */
  verify(streamId?: string): Promise<VerifyResult>;

  close(): Promise<void>;
}
