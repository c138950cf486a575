import type {
  AppendExpectedRevision,
  EventStoreDBClient,
  ReadStreamOptions as EsdbReadStreamOptions,
  RecordedEvent,
} from '@eventstore/db-client';
import { assertAppendable, checkExpectedVersion, sealEvents, toEnvelope } from '../envelope';
import { ConcurrencyError, InvalidAppendError } from '../errors';
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
import { inRecordedRange } from '../log-position';
import { PollingSubscription } from '../polling-subscription';
import { verifyStreamEvents, verifyWholeLog, type ChainLink } from '../verify';
import type { FilteredReadOptions } from './esdb-client';
import {
  appendResultOf,
  commandEventOf,
  commandStateOf,
  settleClaim,
  type CommandRecord,
  type CommandState,
} from './esdb-commands';
import { chainLinkOf, fromEsdbEvent, toEsdbEvent, type SealedEnvelope } from './esdb-envelope';
import { EventStoreDbError, isStreamNotFound, isWrongExpectedVersion, storeErrorOf } from './esdb-errors';
import { checkRun, commandRunsOf, runsOf } from './esdb-import';
import { DEFAULT_PREFIX, checkPrefix, commandStreamOf, isLogStream, logStreamPrefix, streamNameOf } from './esdb-names';
import { compareCheckpoints, decodeCheckpoint, pageAfter, readCountFor, type PlacedEvent } from './esdb-positions';
import { expectedRevisionOf, revisionOfVersion } from './esdb-revisions';

export interface EventStoreDbEventStoreOptions {
  /** `esdb://host:2113?tls=false`, as in `EVENTSTORE_URL`. */
  connectionString: string;
  clock?: () => Date;
  /**
   * The namespace of ketnap's streams in the server (default `ketnap`): letters, digits and `_`. Two
   * deployments (or test runs) on one server under two prefixes never see each other's events.
   */
  prefix?: string;
}

/** Attempts of an append under `'any'` that another writer overtook between reading the head and writing. */
const ANY_ATTEMPTS = 5;

const LAST_EVENT: EsdbReadStreamOptions = { direction: 'backwards', fromRevision: 'end', maxCount: 1 };

type Connection = { client: EventStoreDBClient; read: typeof import('./esdb-client').readAllFiltered };

/**
 * The event store on EventStoreDB (DESIGN.md §4): each ketnap stream is the stream
 * `<prefix>-<streamId>`, each event keeps its whole envelope (data as JSON; the envelope's event id,
 * schema version, hashes and ketnap's metadata in the event's metadata), and the global log is `$all`
 * read with a server-side filter on the prefix.
 *
 * - Versions: ketnap's version n is EventStoreDB's revision n - 1 (see `esdb-revisions.ts`).
 * - Appends: the stream's last event gives the head the new events chain to; the append expects the
 *   revision that head had, so a writer that came in between turns the append into a
 *   {@link ConcurrencyError} (under `'any'` it is tried again on the new head) and the chain never forks.
 *   The events are read back for their log positions, which the server gives only per append.
 * - Positions: `globalPosition` is the event's prepare position + 1 (see `esdb-positions.ts`): it
 *   orders the log but does not count events; a checkpoint is `<commit>/<prepare>`.
 * - Idempotency: a stream per command id (see `esdb-commands.ts`).
 * - Subscriptions poll `readAll` ({@link PollingSubscription}), with the retry and backoff every adapter has.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly name = 'eventstoredb';
  readonly prefix: string;
  private readonly clock: () => Date;
  private connection?: Promise<Connection>;
  private closed = false;

  constructor(private readonly options: EventStoreDbEventStoreOptions) {
    this.prefix = checkPrefix(options.prefix ?? DEFAULT_PREFIX);
    this.clock = options.clock ?? (() => new Date());
  }

  /** The client, loaded and connected on first use. */
  private connect(): Promise<Connection> {
    if (this.closed) return Promise.reject(new Error('the EventStoreDB event store is closed'));
    this.connection ??= import('./esdb-client').then((esdb) => ({
      client: esdb.connect(this.options.connectionString),
      read: esdb.readAllFiltered,
    }));
    return this.connection;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    expectedRevisionOf(options.expectedVersion); // refuses a version no stream can be at, before any read
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(streamId, events, options);
      } catch (error) {
        const again = options.expectedVersion === 'any' && error instanceof ConcurrencyError && attempt < ANY_ATTEMPTS;
        if (!again) throw error;
      }
    }
  }

  private async appendOnce(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const { commandId, expectedVersion } = options;
    const command = commandId === undefined ? undefined : await this.commandState(commandId);
    if (command?.kind === 'appended') return command.result;
    const head = await this.head(streamId);
    // A sender of the same command is appending right now: as a lost race, so that it is asked again.
    if (command?.kind === 'claimed') throw new ConcurrencyError(streamId, expectedVersion, head?.version ?? null);
    checkExpectedVersion(streamId, expectedVersion, head?.version ?? null);
    const recordedAt = this.clock().toISOString();
    const sealed = sealEvents(streamId, events, head ?? { version: 0, hash: GENESIS_HASH }, recordedAt, commandId).map(
      (event) => toEnvelope(event, 0),
    );
    if (commandId === undefined || command === undefined) {
      return appendResultOf(streamId, await this.write(streamId, sealed, head, expectedVersion));
    }
    const claimed = await this.claim(commandId, command.expectedRevision, sealed, head, expectedVersion);
    let stored: EventEnvelope[];
    try {
      stored = await this.write(streamId, sealed, head, expectedVersion);
    } catch (error) {
      // A claim left unreleased is settled later: free once other events took its versions, or after the lease.
      const released: CommandRecord = { type: 'CommandReleased', data: { reason: String(error) } };
      await this.record(commandId, claimed, released).catch(() => undefined);
      throw error;
    }
    const { duplicate: _duplicate, ...result } = appendResultOf(streamId, stored);
    // Should this record not be written, the claim is settled from the events themselves.
    await this.record(commandId, claimed, { type: 'CommandAppended', data: result }).catch(() => undefined);
    return { ...result, duplicate: false };
  }

  /**
   * Appends sealed events after `head`, expecting the stream to be there still, and returns them as
   * stored (with their log positions).
   */
  private async write(
    streamId: string,
    sealed: SealedEnvelope[],
    head: ChainLink | undefined,
    expected: ExpectedVersion,
  ): Promise<EventEnvelope[]> {
    const { client } = await this.connect();
    try {
      await client.appendToStream(streamNameOf(this.prefix, streamId), sealed.map(toEsdbEvent), {
        expectedRevision: expectedRevisionOf(head?.version ?? 'no-stream'),
      });
    } catch (error) {
      throw storeErrorOf(error, { doing: `appending to ${streamId}`, append: { streamId, expected } });
    }
    const stored = await this.readVersions(streamId, sealed[0].streamVersion, sealed.length);
    if (stored.length !== sealed.length || stored.some((event, i) => event.eventId !== sealed[i].eventId)) {
      throw new EventStoreDbError(
        'unavailable',
        `appended to ${streamId} but did not read the events back at their versions: is EVENTSTORE_URL on the cluster's leader?`,
      );
    }
    return stored;
  }

  /** Claims a command id for the sealed events; returns the claim's revision in the command's stream. */
  private async claim(
    commandId: string,
    expectedRevision: AppendExpectedRevision,
    sealed: SealedEnvelope[],
    head: ChainLink | undefined,
    expected: ExpectedVersion,
  ): Promise<bigint> {
    const { client } = await this.connect();
    const claim: CommandRecord = {
      type: 'CommandClaimed',
      data: {
        streamId: sealed[0].streamId,
        firstVersion: sealed[0].streamVersion,
        eventIds: sealed.map((e) => e.eventId),
        claimedAt: new Date().toISOString(),
      },
    };
    try {
      const written = await client.appendToStream(commandStreamOf(this.prefix, commandId), commandEventOf(claim), {
        expectedRevision,
      });
      return written.nextExpectedRevision;
    } catch (error) {
      // Another sender of the command claimed it first: a lost race, after which the resend finds its result.
      if (isWrongExpectedVersion(error))
        throw new ConcurrencyError(sealed[0].streamId, expected, head?.version ?? null);
      throw storeErrorOf(error, { doing: `claiming command ${commandId}` });
    }
  }

  /** Writes a command's next record, expecting its stream at `expectedRevision` (the record before it). */
  private async record(
    commandId: string,
    expectedRevision: AppendExpectedRevision,
    record: CommandRecord,
  ): Promise<void> {
    const { client } = await this.connect();
    try {
      await client.appendToStream(commandStreamOf(this.prefix, commandId), commandEventOf(record), {
        expectedRevision,
      });
    } catch (error) {
      throw storeErrorOf(error, { doing: `recording command ${commandId}` });
    }
  }

  /** What a command id stands for, a claim without an outcome settled from the stream it names. */
  private async commandState(commandId: string): Promise<CommandState> {
    const [last] = await this.readRecorded(commandStreamOf(this.prefix, commandId), LAST_EVENT, `command ${commandId}`);
    const state = commandStateOf(last);
    if (state.kind !== 'claimed') return state;
    const { claim, revision } = state;
    const claimed = await this.readVersions(claim.streamId, claim.firstVersion, claim.eventIds.length);
    const settled = settleClaim(claim, claimed, await this.streamVersion(claim.streamId), Date.now());
    if (settled === 'pending') return state;
    return settled === 'free'
      ? { kind: 'free', expectedRevision: revision }
      : { kind: 'appended', result: settled, revision };
  }

  async commandResult(commandId: string): Promise<AppendResult | null> {
    const state = await this.commandState(commandId);
    return state.kind === 'appended' ? state.result : null;
  }

  /** A stream's events as EventStoreDB returns them; `[]` for a stream that does not exist. */
  private async readRecorded(
    streamName: string,
    options: EsdbReadStreamOptions,
    what: string,
  ): Promise<RecordedEvent[]> {
    const { client } = await this.connect();
    const events: RecordedEvent[] = [];
    try {
      // From the leader, which has every append acknowledged so far: a head or an event read back is never stale.
      for await (const resolved of client.readStream(streamName, { ...options, requiresLeader: true }))
        if (resolved.event) events.push(resolved.event);
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw storeErrorOf(error, { doing: `reading ${what}` });
    }
    return events;
  }

  /** Up to `count` events of a stream from version `from`. */
  private async readVersions(streamId: string, from: number, count: number): Promise<EventEnvelope[]> {
    const recorded = await this.readRecorded(
      streamNameOf(this.prefix, streamId),
      { fromRevision: revisionOfVersion(from), maxCount: count },
      streamId,
    );
    return recorded.map((event) => fromEsdbEvent(this.prefix, event));
  }

  /** The link the stream's next event chains to, `undefined` for a stream that does not exist. */
  private async head(streamId: string): Promise<ChainLink | undefined> {
    const [last] = await this.readRecorded(streamNameOf(this.prefix, streamId), LAST_EVENT, streamId);
    return last && chainLinkOf(last);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const from = Math.max(options.fromVersion ?? 1, 1);
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    if (to < from) return [];
    const events = await this.readVersions(streamId, from, Math.min(to - from + 1, Number.MAX_SAFE_INTEGER));
    return events.filter((event) => inRecordedRange(event, options.recordedUpTo));
  }

  async streamVersion(streamId: string): Promise<number | null> {
    return (await this.head(streamId))?.version ?? null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<LogPage> {
    const checkpoint = options.after ?? LOG_START;
    const after = decodeCheckpoint(checkpoint);
    const limit = options.limit ?? 500;
    const read = await this.readLog({
      fromPosition: after,
      direction: 'forwards',
      maxCount: readCountFor(after, limit),
    });
    return pageAfter(read, after, limit, checkpoint);
  }

  compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
    return compareCheckpoints(a, b);
  }

  async headPosition(): Promise<number> {
    const [last] = await this.readLog({ fromPosition: 'end', direction: 'backwards', maxCount: 1 });
    return last?.envelope.globalPosition ?? 0;
  }

  /** Reads `$all` filtered on the server to ketnap's streams under this prefix. */
  private async readLog(options: Omit<FilteredReadOptions, 'prefixes'>): Promise<PlacedEvent[]> {
    const { client, read } = await this.connect();
    const placed: PlacedEvent[] = [];
    try {
      for await (const resolved of read(client, { ...options, prefixes: [logStreamPrefix(this.prefix)] })) {
        const event = resolved.event;
        if (event && isLogStream(this.prefix, event.streamId)) {
          placed.push({ position: event.position, envelope: fromEsdbEvent(this.prefix, event) });
        }
      }
    } catch (error) {
      throw storeErrorOf(error, { doing: 'reading the log ($all)' });
    }
    return placed;
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return new PollingSubscription(this, options);
  }

  async verify(streamId?: string): Promise<VerifyResult> {
    return streamId === undefined ? verifyWholeLog(this) : verifyStreamEvents(await this.readStream(streamId));
  }

  /**
   * Copies events another store sealed (moving a deployment): event id, stream, version, type,
   * schema version, data, metadata (`recordedAt` included) and hashes are kept, so `verify` passes on
   * the copy. Positions are not: each copy gets the position EventStoreDB gives it, in the order of
   * `events`, so a consumer's checkpoint taken on the source does not carry over (rebuild the read
   * models after a move). Every run of events of one stream is checked against the stream's head
   * before anything is written, then written as one append expecting that head. EventStoreDB cannot
   * write several streams at once: should a run be refused after others were written (a writer came
   * in between), those stay, and the import goes on from the streams' heads. The command records are
   * filled from `metadata.commandId`, so a resend of a copied command is a duplicate here too.
   * @throws InvalidAppendError naming the first event that does not continue its stream
   */
  async importEvents(events: EventEnvelope[]): Promise<void> {
    const runs = runsOf(events);
    const heads = new Map<string, ChainLink>();
    const starts: Array<ChainLink | undefined> = [];
    for (const run of runs) {
      const head = heads.get(run.streamId) ?? (await this.head(run.streamId));
      starts.push(head);
      heads.set(run.streamId, checkRun(run, head));
    }
    for (const [i, run] of runs.entries()) {
      let stored: EventEnvelope[];
      try {
        stored = await this.write(run.streamId, run.events, starts[i], run.events[0].streamVersion - 1);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        throw new InvalidAppendError(
          `cannot import ${run.streamId} from version ${run.events[0].streamVersion}: ${error.message}`,
        );
      }
      for (const command of commandRunsOf(stored)) await this.importCommand(command.commandId, command.events);
    }
  }

  /** The record an imported command's events leave, continuing one a previous batch began. */
  private async importCommand(commandId: string, events: EventEnvelope[]): Promise<void> {
    const state = await this.commandState(commandId);
    const { duplicate: _duplicate, ...result } = appendResultOf(events[0].streamId, events);
    const earlier = state.kind === 'appended' ? state.result : undefined;
    if (earlier?.streamId === result.streamId && earlier.nextExpectedVersion === events[0].streamVersion - 1) {
      result.positions = [...earlier.positions, ...result.positions];
    }
    const after = state.kind === 'free' ? state.expectedRevision : state.revision;
    await this.record(commandId, after, { type: 'CommandAppended', data: result });
  }

  async close(): Promise<void> {
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await (await connection).client.dispose();
  }
}
