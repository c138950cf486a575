import { InvalidAppendError } from './errors';
import type { AppendResult, EventEnvelope } from './event-store.port';
import { GENESIS_HASH } from './hash-chain';
import type { ChainLink } from './verify';

/**
 * Checks a batch of events that another store sealed before it is imported, and returns the heads
 * its streams end at. The batch must continue the target's log (its first event at `logHead + 1`,
 * positions consecutive) and each event must follow its stream's head (the next version, naming
 * the head's hash as `prevHash`). The hashes themselves are not recomputed here: a copy is checked
 * whole by `verify` once it is done.
 * @param streamHead the target's head of a stream, `undefined` for a stream it does not hold
 * @throws InvalidAppendError naming the first event that does not fit
 */
export function checkImport(
  events: EventEnvelope[],
  logHead: number,
  streamHead: (streamId: string) => ChainLink | undefined,
): Map<string, ChainLink> {
  const heads = new Map<string, ChainLink>();
  let position = logHead;
  for (const event of events) {
    const at = `event ${event.eventId} (${event.streamId} version ${event.streamVersion})`;
    if (event.globalPosition !== position + 1) {
      throw new InvalidAppendError(
        `cannot import ${at} at position ${event.globalPosition}: the log's next position is ${position + 1}`,
      );
    }
    const head = heads.get(event.streamId) ?? streamHead(event.streamId);
    const version = head?.version ?? 0;
    if (event.streamVersion !== version + 1) {
      throw new InvalidAppendError(`cannot import ${at}: the stream is at version ${version}`);
    }
    if (event.prevHash !== (head?.hash ?? GENESIS_HASH)) {
      throw new InvalidAppendError(`cannot import ${at}: its prevHash is not the hash of the stream's head`);
    }
    if (typeof event.metadata?.recordedAt !== 'string') {
      throw new InvalidAppendError(`cannot import ${at}: it has no metadata.recordedAt`);
    }
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    position = event.globalPosition;
  }
  return heads;
}

/**
 * The idempotency records an imported batch carries: one per command id in the events' metadata, as
 * the append of that command would have left it. A command whose events a previous batch began is
 * continued from `previous`.
 */
export function importedCommands(
  events: EventEnvelope[],
  previous: (commandId: string) => AppendResult | null,
): Map<string, AppendResult> {
  const commands = new Map<string, AppendResult>();
  for (const event of events) {
    const commandId = event.metadata.commandId;
    if (commandId === undefined) continue;
    const sofar = commands.get(commandId) ?? previous(commandId);
    commands.set(commandId, {
      streamId: event.streamId,
      nextExpectedVersion: event.streamVersion,
      positions: [...(sofar?.streamId === event.streamId ? sofar.positions : []), event.globalPosition],
      duplicate: false,
      recordedAt: event.metadata.recordedAt,
    });
  }
  return commands;
}
