import type { RecordedEvent } from '@eventstore/db-client';
import type { EventEnvelope } from '../event-store.port';
import {
  CLAIM_LEASE_MS,
  appendResultOf,
  commandEventOf,
  commandStateOf,
  settleClaim,
  type CommandClaim,
  type CommandRecord,
} from './esdb-commands';

const recorded = (record: CommandRecord, revision: bigint): RecordedEvent =>
  ({ streamId: 'ketnap.commands-k', type: record.type, data: record.data, revision }) as unknown as RecordedEvent;

const claim: CommandClaim = {
  streamId: 'dossier-1',
  firstVersion: 3,
  eventIds: ['e3', 'e4'],
  claimedAt: '2026-01-01T00:00:00.000Z',
};
const claimedAt = Date.parse(claim.claimedAt);
const event = (eventId: string, streamVersion: number, globalPosition: number) =>
  ({ eventId, streamId: 'dossier-1', streamVersion, globalPosition, metadata: { recordedAt: 'r' } }) as EventEnvelope;

describe('command records in EventStoreDB', () => {
  it('writes a record as a JSON event', () => {
    expect(commandEventOf({ type: 'CommandClaimed', data: claim })).toMatchObject({
      contentType: 'application/json',
      type: 'CommandClaimed',
      data: claim,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it("reads a command's state from its stream's last record", () => {
    expect(commandStateOf(undefined)).toEqual({ kind: 'free', expectedRevision: 'no_stream' });
    const result = { streamId: 'dossier-1', nextExpectedVersion: 4, positions: [11, 21], recordedAt: 'r' };
    expect(commandStateOf(recorded({ type: 'CommandAppended', data: result }, 1n))).toEqual({
      kind: 'appended',
      result: { ...result, duplicate: true },
      revision: 1n,
    });
    expect(commandStateOf(recorded({ type: 'CommandClaimed', data: claim }, 2n))).toEqual({
      kind: 'claimed',
      claim,
      revision: 2n,
    });
    expect(commandStateOf(recorded({ type: 'CommandReleased', data: { reason: 'x' } }, 3n))).toEqual({
      kind: 'free',
      expectedRevision: 3n,
    });
    expect(() =>
      commandStateOf({ ...recorded({ type: 'CommandReleased', data: { reason: '' } }, 0n), type: 'Odd' }),
    ).toThrow(/ketnap.commands-k holds an event ketnap did not write there: Odd/);
  });

  it('settles a claim whose events are in the stream as the first append, a duplicate', () => {
    const stored = [event('e3', 3, 11), event('e4', 4, 21)];
    expect(settleClaim(claim, stored, 4, claimedAt)).toEqual({
      streamId: 'dossier-1',
      nextExpectedVersion: 4,
      positions: [11, 21],
      duplicate: true,
      recordedAt: 'r',
    });
    expect(appendResultOf('dossier-1', stored)).toMatchObject({ nextExpectedVersion: 4, duplicate: false });
  });

  it('frees a claim whose versions other events took, or that outlived its lease', () => {
    expect(settleClaim(claim, [event('x3', 3, 11), event('x4', 4, 21)], 4, claimedAt)).toBe('free');
    expect(settleClaim(claim, [event('x3', 3, 11)], 3, claimedAt)).toBe('free');
    expect(settleClaim(claim, [], 2, claimedAt + CLAIM_LEASE_MS + 1)).toBe('free');
  });

  it('leaves a recent claim with nothing appended yet pending', () => {
    expect(settleClaim(claim, [], 2, claimedAt + 1000)).toBe('pending');
    expect(settleClaim({ ...claim, firstVersion: 1 }, [], null, claimedAt)).toBe('pending');
  });
});
