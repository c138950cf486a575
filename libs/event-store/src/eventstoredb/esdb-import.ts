import { InvalidAppendError } from '../errors';
import type { EventEnvelope } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import type { ChainLink } from '../verify';

/** Consecutive events of one stream in a batch: what one EventStoreDB append can write. */
export interface StreamRun {
  streamId: string;
  events: EventEnvelope[];
}

/** Cuts a batch, in its order, into runs of consecutive events of one stream. */
export function runsOf(events: EventEnvelope[]): StreamRun[] {
  const runs: StreamRun[] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last?.streamId === event.streamId) last.events.push(event);
    else runs.push({ streamId: event.streamId, events: [event] });
  }
  return runs;
}

/**
 * Checks that a run of sealed events continues its stream, as an import needs: each at the next
 * version, naming the hash before it as `prevHash`, with the `recordedAt` the store sets. The hashes
 * themselves are checked by `verify` once the copy is done.
 * @param head the stream's last link before the run, `undefined` when the stream does not exist
 * @returns the link the run ends at
 * @throws InvalidAppendError naming the first event that does not fit
 */
export function checkRun(run: StreamRun, head: ChainLink | undefined): ChainLink {
  let link = head ?? { version: 0, hash: GENESIS_HASH };
  for (const event of run.events) {
    const at = `event ${event.eventId} (${event.streamId} version ${event.streamVersion})`;
    if (event.streamVersion !== link.version + 1) {
      throw new InvalidAppendError(`cannot import ${at}: the stream is at version ${link.version}`);
    }
    if (event.prevHash !== link.hash) {
      throw new InvalidAppendError(`cannot import ${at}: its prevHash is not the hash of the stream's head`);
    }
    if (typeof event.metadata?.recordedAt !== 'string') {
      throw new InvalidAppendError(`cannot import ${at}: it has no metadata.recordedAt`);
    }
    link = { version: event.streamVersion, hash: event.hash };
  }
  return link;
}

/** The events of a stored run grouped by the command that appended them (those without a command id left out). */
export function commandRunsOf(events: EventEnvelope[]): Array<{ commandId: string; events: EventEnvelope[] }> {
  const runs: Array<{ commandId: string; events: EventEnvelope[] }> = [];
  for (const event of events) {
    const commandId = event.metadata.commandId;
    if (commandId === undefined) continue;
    const last = runs[runs.length - 1];
    if (last?.commandId === commandId) last.events.push(event);
    else runs.push({ commandId, events: [event] });
  }
  return runs;
}
