import { randomUUID } from 'node:crypto';
import { decodeEvent, schemaVersionOf, type DomainEvent, type MessageRef } from '@ketnap/domain';
import { ConcurrencyError, type DecodedEnvelope, type EventStore, type NewEvent } from '@ketnap/event-store';
import { commandIdOf, type CommandContext } from './command-context';
import { IdempotencyKeyReusedError, VersionConflictError } from './refusals';

/**
 * Folded states of streams kept between commands: the pipeline then reads only the events appended
 * since (by anyone), instead of the whole stream. It keeps what it folded from the store, or from the
 * events the store has just accepted right after the version it folded (with the time the store
 * recorded them), and states must be immutable (folding returns new ones).
 */
export interface StateCache<S> {
  get(streamId: string): { version: number; state: S } | undefined;
  set(streamId: string, version: number, state: S): void;
}

/** How a stream's events fold into a state, and where the folded state is kept between reads, if anywhere. */
export interface StreamFold<S> {
  initialState: () => S;
  evolve: (state: S, event: DecodedEnvelope) => S;
  cache?: StateCache<S>;
}

/**
 * The stream's version and folded state: from what `fold.cache` holds and the events recorded since
 * (by anyone), otherwise from the whole stream; what it folds anew is kept in the cache.
 */
export async function foldStream<S>(
  store: EventStore,
  streamId: string,
  fold: StreamFold<S>,
): Promise<{ version: number; state: S }> {
  const known = fold.cache?.get(streamId);
  const events = (await store.readStream(streamId, known && { fromVersion: known.version + 1 })).map(decodeEvent);
  const version = events.at(-1)?.streamVersion ?? known?.version ?? 0;
  const state = events.reduce(fold.evolve, known?.state ?? fold.initialState());
  if (events.length > 0) fold.cache?.set(streamId, version, state);
  return { version, state };
}

/** An event `decide` returns, with the event id and metadata it needs beyond the pipeline's. */
export type DecidedEvent = DomainEvent & Pick<NewEvent, 'eventId' | 'metadata'>;

/** One command on one stream, as the pipeline runs it (see {@link runCommand}). */
export interface StreamCommand<S, R> extends StreamFold<S> {
  streamId: string;
  /** How messages name the resource (`unit lang-gia`, a `resource.*` message); default the stream id. */
  resource?: MessageRef;
  /** The version `expectedVersion` is compared with; default the stream's. */
  versionOf?: (state: S, streamVersion: number) => number;
  /** Refuses (throws) what the actor may not do to the resource as it is; runs before the version check. */
  authorize?: (state: S) => void;
  /** The events to append given the state; `[]` appends nothing. Throws to refuse. */
  decide: (state: S, streamVersion: number) => DecidedEvent[] | Promise<DecidedEvent[]>;
  /** Refuses (throws) a result the actor may not cause, judged on the state the events would leave. */
  authorizeResult?: (state: S) => void;
  /** The answer, from the state after the write (or after the first write, for a resend). */
  result: (state: S, streamVersion: number, appended: readonly DecodedEnvelope[]) => R;
  /** For a resend: whether the events the key appended first belong to this command; default yes. */
  sameResource?: (appended: readonly DecodedEnvelope[]) => boolean;
  /** Sets the command id apart when one request writes several streams, or by the kind of command. */
  commandPart?: string;
  /**
   * `'append-only'`: what is decided depends on nothing the stream holds (a stream of records, such as
   * the notifications): the stream is not read, `decide` gets the initial state, and the events go in
   * after whatever the stream holds (no expected version, so no race to lose). Default `'fold'`.
   */
  load?: 'fold' | 'append-only';
}

export interface CommandResult<R> {
  result: R;
  /** The events this command appended, or those the first command with the same key appended. */
  appended: DecodedEnvelope[];
  /** True for a resend of an earlier command (same key): nothing was appended. */
  duplicate: boolean;
}

/** Attempts of a write that loses a version race, when the sender named no version. */
const ATTEMPTS = 4;

/**
 * The one write path of every stream (DESIGN.md §3): a resend answers the first result and appends
 * nothing; otherwise load the stream and fold it once, authorize, check the expected version, decide,
 * fold the decided events to authorize the result, append with the stream's version, and, when a
 * concurrent writer won and the sender named no version, do it all again on the new state. Every
 * event gets the actor, correlation and causation ids in its metadata.
 * @throws VersionConflictError when the expected version is stale, or a writer kept winning.
 */
export async function runCommand<S, R>(
  store: EventStore,
  command: StreamCommand<S, R>,
  context: CommandContext,
  now: Date = new Date(),
): Promise<CommandResult<R>> {
  const { streamId } = command;
  const commandId = commandIdOf(context, command.commandPart);
  const attempts = context.expectedVersion === undefined ? ATTEMPTS : 1;
  for (let attempt = 1; ; attempt += 1) {
    const replay = commandId === undefined ? undefined : await replayOf(store, command, commandId);
    if (replay) return replay;
    const appendOnly = command.load === 'append-only';
    if (appendOnly && context.expectedVersion !== undefined)
      throw new Error(`an append-only command on ${streamId} takes no expected version`);
    const { version: streamVersion, state } = appendOnly
      ? { version: 0, state: command.initialState() }
      : await foldStream(store, streamId, command);
    command.authorize?.(state);
    if (context.expectedVersion !== undefined) {
      const actual = command.versionOf ? command.versionOf(state, streamVersion) : streamVersion;
      if (actual !== context.expectedVersion)
        throw new VersionConflictError(
          streamId,
          command.resource ?? { key: 'resource.stream', params: { id: streamId } },
          context.expectedVersion,
          streamVersion > 0 ? actual : null,
        );
    }
    const decided = await command.decide(state, streamVersion);
    if (decided.length === 0)
      return { result: command.result(state, streamVersion, []), appended: [], duplicate: false };
    const appended = envelopesOf(streamId, streamVersion, decided, context, now);
    const after = appended.reduce(command.evolve, state);
    command.authorizeResult?.(after);
    try {
      const stored = await store.append(
        streamId,
        appended.map(({ type, data, eventId, schemaVersion, metadata: { recordedAt: _recordedAt, ...metadata } }) => ({
          type,
          data,
          eventId,
          schemaVersion,
          metadata,
        })),
        { expectedVersion: appendOnly ? 'any' : streamVersion === 0 ? 'no-stream' : streamVersion, commandId },
      );
      if (stored.duplicate) return (await replayOf(store, command, commandId!))!;
      const first = stored.nextExpectedVersion - appended.length + 1;
      appended.forEach((event, i) => {
        event.globalPosition = stored.positions[i];
        event.streamVersion = first + i;
        if (stored.recordedAt !== undefined) event.metadata.recordedAt = stored.recordedAt;
      });
      // The events as the store holds them, right after the version it had: the state they leave is
      // the one a read would fold, so the next command on the stream reads nothing.
      let stateAfter = after;
      if (command.cache && !appendOnly && stored.recordedAt !== undefined) {
        stateAfter = appended.reduce(command.evolve, state);
        command.cache.set(streamId, stored.nextExpectedVersion, stateAfter);
      }
      return { result: command.result(stateAfter, stored.nextExpectedVersion, appended), appended, duplicate: false };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt < attempts) continue;
      throw new VersionConflictError(
        streamId,
        command.resource ?? { key: 'resource.stream', params: { id: streamId } },
        context.expectedVersion ?? streamVersion,
        error.actual,
      );
    }
  }
}

/**
 * The decided events as the stream will hold them, stamped with the schema version this release writes
 * (position, hashes and recorded time are the store's).
 */
function envelopesOf(
  streamId: string,
  version: number,
  decided: DecidedEvent[],
  context: CommandContext,
  now: Date,
): DecodedEnvelope[] {
  const stamp = { actor: context.actor, correlationId: context.correlationId, causationId: context.causationId };
  return decided.map((event, i) => ({
    ...event,
    eventId: event.eventId ?? randomUUID(),
    streamId,
    streamVersion: version + i + 1,
    globalPosition: 0,
    schemaVersion: schemaVersionOf(event.type),
    metadata: { ...event.metadata, ...stamp, recordedAt: now.toISOString() },
    prevHash: '',
    hash: '',
  }));
}

/** The first command's result when `commandId` already appended: the state right after that append. */
async function replayOf<S, R>(
  store: EventStore,
  command: StreamCommand<S, R>,
  commandId: string,
): Promise<CommandResult<R> | undefined> {
  const first = await store.commandResult(commandId);
  if (!first) return undefined;
  if (first.streamId !== command.streamId) throw new IdempotencyKeyReusedError();
  // An append-only command's answer needs only the events it appended, not the stream before them.
  const from = command.load === 'append-only' ? first.nextExpectedVersion - first.positions.length + 1 : 1;
  const events = (
    await store.readStream(command.streamId, { fromVersion: from, toVersion: first.nextExpectedVersion })
  ).map(decodeEvent);
  const positions = new Set(first.positions);
  const appended = events.filter((event) => positions.has(event.globalPosition));
  if (command.sameResource && !command.sameResource(appended)) throw new IdempotencyKeyReusedError();
  const state = events.reduce(command.evolve, command.initialState());
  return { result: command.result(state, first.nextExpectedVersion, appended), appended, duplicate: true };
}
