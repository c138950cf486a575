import type { AppendExpectedRevision, JSONEventData, RecordedEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventEnvelope } from '../event-store.port';

/**
 * Idempotency in EventStoreDB, which cannot write two streams at once: each command id has a small
 * stream of its own (`<prefix>.commands-<commandId>`). An append under a command id first claims it
 * (`CommandClaimed`, appended only if the stream is new or its last claim was released), then appends
 * the events, then records the result (`CommandAppended`), or releases the claim when the append
 * failed (`CommandReleased`). Two senders of one command cannot both claim it, so at most one appends.
 * A claim left without an outcome (the process died, or the record could not be written) is settled
 * from the stream it names: when that stream holds the claimed event ids at the claimed versions, the
 * command appended them; when other events took those versions, or the claim is older than any append
 * can take, it is free again.
 */
export type CommandRecord =
  | { type: 'CommandClaimed'; data: CommandClaim }
  | { type: 'CommandAppended'; data: Omit<AppendResult, 'duplicate'> }
  | { type: 'CommandReleased'; data: { reason: string } };

export interface CommandClaim {
  streamId: string;
  /** The version of the first claimed event. */
  firstVersion: number;
  eventIds: string[];
  /** Wall-clock instant of the claim (not the store's clock, which tests and demos move). */
  claimedAt: string;
}

/** How long a claim may wait for its events: EventStoreDB settles an append within seconds. */
export const CLAIM_LEASE_MS = 60_000;

/**
 * What a command id stands for now. `free` says the revision a new claim must expect; `revision` is
 * that of the command stream's last record.
 */
export type CommandState =
  | { kind: 'appended'; result: AppendResult; revision: bigint }
  | { kind: 'free'; expectedRevision: AppendExpectedRevision }
  | { kind: 'claimed'; claim: CommandClaim; revision: bigint };

export function commandEventOf(record: CommandRecord): JSONEventData {
  return {
    id: randomUUID(),
    contentType: 'application/json',
    type: record.type,
    data: { ...record.data },
    metadata: undefined,
  };
}

/** The state a command stream's last event leaves; `undefined` for a stream that does not exist. */
export function commandStateOf(last: RecordedEvent | undefined): CommandState {
  if (!last) return { kind: 'free', expectedRevision: 'no_stream' };
  const record = { type: last.type, data: last.data } as CommandRecord;
  switch (record.type) {
    case 'CommandAppended':
      return { kind: 'appended', result: { ...record.data, duplicate: true }, revision: last.revision };
    case 'CommandClaimed':
      return { kind: 'claimed', claim: record.data, revision: last.revision };
    case 'CommandReleased':
      return { kind: 'free', expectedRevision: last.revision };
    default:
      throw new Error(`${last.streamId} holds an event ketnap did not write there: ${String(last.type)}`);
  }
}

/** The result of an append, from the events it left (in version order). */
export function appendResultOf(streamId: string, events: EventEnvelope[]): AppendResult {
  const last = events[events.length - 1];
  return {
    streamId,
    nextExpectedVersion: last.streamVersion,
    positions: events.map((e) => e.globalPosition),
    duplicate: false,
    recordedAt: last.metadata.recordedAt,
  };
}

/**
 * Settles a claim without an outcome.
 * @param claimed the stream's events at the claimed versions, as many as there are (maybe none)
 * @param streamVersion the claimed stream's version now (`null`: it does not exist)
 * @param now wall-clock milliseconds
 * @returns the command's result when its events are there, `'free'` when they never will be, `'pending'` otherwise
 */
export function settleClaim(
  claim: CommandClaim,
  claimed: EventEnvelope[],
  streamVersion: number | null,
  now: number,
): AppendResult | 'free' | 'pending' {
  const ours =
    claimed.length === claim.eventIds.length && claimed.every((event, i) => event.eventId === claim.eventIds[i]);
  if (ours) return { ...appendResultOf(claim.streamId, claimed), duplicate: true };
  if ((streamVersion ?? 0) >= claim.firstVersion) return 'free';
  return now - Date.parse(claim.claimedAt) > CLAIM_LEASE_MS ? 'free' : 'pending';
}
