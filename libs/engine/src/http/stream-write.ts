import { ConcurrencyError, type EventEnvelope, type EventStore, type NewEvent } from '@ketnap/event-store';
import { IdempotencyKeyReusedError, VersionConflictError } from './request-error';
import { commandIdOf, type WriteContext } from './write-context';

/** One write to one stream: load, check `If-Match`, decide, append (see {@link writeStream}). */
export interface StreamWrite<S, R> {
  streamId: string;
  context: WriteContext;
  initialState: () => S;
  evolve: (state: S, event: EventEnvelope) => S;
  /** How messages name the resource (`unit lang-gia`); default the stream id. */
  resource?: string;
  /** The resource version `If-Match` is compared with; default the stream's version. */
  versionOf?: (state: S, streamVersion: number) => number;
  /** The events to append given the current state; `[]` appends nothing. May throw to refuse. */
  decide: (state: S, streamVersion: number) => NewEvent[] | Promise<NewEvent[]>;
  /** The answer, from the state after the write (or after the first write, for a resend). */
  result: (state: S, streamVersion: number, appended: readonly EventEnvelope[]) => R;
  /** For a resend: whether the events the key appended first belong to this resource; default yes. */
  sameResource?: (appended: readonly EventEnvelope[]) => boolean;
  /** Sets the command id apart when one request writes several streams. */
  commandPart?: string;
  /** Attempts after a version conflict (default 3). */
  retries?: number;
}

export interface StreamWriteOutcome<R> {
  result: R;
  /** The events appended by this request, or by the first request with the same key. */
  appended: EventEnvelope[];
  /** True when this was a resend of an earlier request (`Idempotency-Key`): nothing was appended. */
  duplicate: boolean;
}

/**
 * The write semantics every write route shares (API.md "Conventions", DESIGN.md §3):
 * - `Idempotency-Key`: a resend answers the first request's result and appends nothing;
 * - `If-Match`: refused with {@link VersionConflictError} (409) unless it names the current version;
 * - a version conflict while appending (a concurrent writer) re-reads and decides again, a few times,
 *   re-checking `If-Match` each time (so a conditional write that went stale is a 409);
 * - every event gets the actor and correlation id in its metadata.
 */
export async function writeStream<S, R>(store: EventStore, write: StreamWrite<S, R>): Promise<StreamWriteOutcome<R>> {
  const { streamId, context } = write;
  const commandId = commandIdOf(context, write.commandPart);
  const retries = write.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const replay = commandId === undefined ? undefined : await replayOf(store, write, commandId);
    if (replay) return replay;
    const events = await store.readStream(streamId);
    const streamVersion = events.at(-1)?.streamVersion ?? 0;
    const state = events.reduce(write.evolve, write.initialState());
    if (context.ifMatch !== undefined) {
      const actual = write.versionOf ? write.versionOf(state, streamVersion) : streamVersion;
      if (actual !== context.ifMatch)
        throw new VersionConflictError(write.resource ?? streamId, context.ifMatch, actual);
    }
    const decided = await write.decide(state, streamVersion);
    if (decided.length === 0) return { result: write.result(state, streamVersion, []), appended: [], duplicate: false };
    const metadata = { actor: context.actor, correlationId: context.correlationId };
    try {
      const appended = await store.append(
        streamId,
        decided.map((event) => ({ ...event, metadata: { ...event.metadata, ...metadata } })),
        { expectedVersion: events.length === 0 ? 'no-stream' : streamVersion, commandId },
      );
      if (appended.duplicate) return (await replayOf(store, write, commandId!)) ?? fail(streamId);
      const after = await store.readStream(streamId, { toVersion: appended.nextExpectedVersion });
      return {
        result: write.result(
          after.reduce(write.evolve, write.initialState()),
          appended.nextExpectedVersion,
          after.slice(events.length),
        ),
        appended: after.slice(events.length),
        duplicate: false,
      };
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < retries) continue;
      throw error;
    }
  }
}

/** The first request's outcome when `commandId` already appended: the state right after that append. */
async function replayOf<S, R>(
  store: EventStore,
  write: StreamWrite<S, R>,
  commandId: string,
): Promise<StreamWriteOutcome<R> | undefined> {
  const first = await store.commandResult(commandId);
  if (!first) return undefined;
  if (first.streamId !== write.streamId) throw new IdempotencyKeyReusedError();
  const events = await store.readStream(write.streamId, { toVersion: first.nextExpectedVersion });
  const positions = new Set(first.positions);
  const appended = events.filter((event) => positions.has(event.globalPosition));
  if (write.sameResource && !write.sameResource(appended)) throw new IdempotencyKeyReusedError();
  const state = events.reduce(write.evolve, write.initialState());
  return { result: write.result(state, first.nextExpectedVersion, appended), appended, duplicate: true };
}

function fail(streamId: string): never {
  throw new Error(`the store reported a duplicate command on ${streamId} but has no result for it`);
}
