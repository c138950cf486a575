import { InvalidAppendError } from '../errors';
import type { EventEnvelope } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { checkRun, commandRunsOf, runsOf } from './esdb-import';

const event = (streamId: string, streamVersion: number, prevHash: string, commandId?: string) =>
  ({
    eventId: `${streamId}@${streamVersion}`,
    streamId,
    streamVersion,
    prevHash,
    hash: `${streamId}#${streamVersion}`,
    metadata: { recordedAt: '2024-03-06T01:00:00.000Z', commandId },
  }) as EventEnvelope;

describe('importing sealed events into EventStoreDB', () => {
  const a1 = event('a', 1, GENESIS_HASH);
  const b1 = event('b', 1, GENESIS_HASH, 'cmd-b');
  const b2 = event('b', 2, 'b#1', 'cmd-b');
  const a2 = event('a', 2, 'a#1', 'cmd-a');

  it('cuts a batch into runs of one stream, in order', () => {
    expect(runsOf([a1, b1, b2, a2]).map((run) => [run.streamId, run.events.length])).toEqual([
      ['a', 1],
      ['b', 2],
      ['a', 1],
    ]);
    expect(runsOf([])).toEqual([]);
  });

  it("checks that a run continues its stream's chain and returns the link it ends at", () => {
    expect(checkRun({ streamId: 'b', events: [b1, b2] }, undefined)).toEqual({ version: 2, hash: 'b#2' });
    expect(checkRun({ streamId: 'a', events: [a2] }, { version: 1, hash: 'a#1' })).toEqual({ version: 2, hash: 'a#2' });
  });

  it('names the first event that does not fit: a version gap, another chain, no recordedAt', () => {
    expect(() => checkRun({ streamId: 'b', events: [b2] }, undefined)).toThrow(
      new InvalidAppendError('cannot import event b@2 (b version 2): the stream is at version 0'),
    );
    expect(() => checkRun({ streamId: 'a', events: [a2] }, { version: 1, hash: 'other' })).toThrow(/prevHash/);
    const unrecorded = { ...a1, metadata: {} } as EventEnvelope;
    expect(() => checkRun({ streamId: 'a', events: [unrecorded] }, undefined)).toThrow(/no metadata.recordedAt/);
  });

  it('groups stored events by the command that appended them', () => {
    expect(commandRunsOf([b1, b2]).map((run) => [run.commandId, run.events.length])).toEqual([['cmd-b', 2]]);
    expect(commandRunsOf([a1])).toEqual([]);
  });
});
