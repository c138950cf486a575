import { decodeEvent } from '@ketnap/domain';
import { ConcurrencyError, MemoryEventStore, type DecodedEnvelope, type EventStore } from '@ketnap/event-store';
import type { CommandContext } from './command-context';
import { runCommand, type StreamCommand } from './command-pipeline';
import { VersionConflictError } from './refusals';
import { added, addedBy, stored } from './testing/counter-events';

/** A counter stream: each write adds `by`; the answer is the total and the version. */
const counter = (
  by = 1,
  decide?: StreamCommand<number, unknown>['decide'],
): StreamCommand<number, { total: number; version: number }> => ({
  streamId: 'counter-1',
  initialState: () => 0,
  evolve: (total: number, event: DecodedEnvelope) => total + addedBy(event),
  decide: decide ?? (() => [added(by)]),
  result: (total, version) => ({ total, version }),
});

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { sub: 'u-1', role: 'admin', unitIds: [] },
  correlationId: 'corr-1',
  ...extra,
});

describe('runCommand, the one write pipeline', () => {
  let store: EventStore;
  beforeEach(() => (store = new MemoryEventStore()));

  it('appends with the actor and correlation id in the metadata and answers from the new state', async () => {
    await runCommand(store, counter(2), context());
    const outcome = await runCommand(store, counter(3), context());
    expect(outcome).toMatchObject({ result: { total: 5, version: 2 }, duplicate: false });
    expect(outcome.appended[0].metadata).toMatchObject({
      actor: { sub: 'u-1', role: 'admin', unitIds: [] },
      correlationId: 'corr-1',
    });
    expect((await store.readStream('counter-1'))[1]).toMatchObject({
      globalPosition: outcome.appended[0].globalPosition,
      metadata: { correlationId: 'corr-1' },
    });
  });

  it('reads the stream once and folds it once per write', async () => {
    await runCommand(store, counter(1), context());
    const reads = jest.spyOn(store, 'readStream');
    let folds = 0;
    const counted = counter(1);
    await runCommand(store, { ...counted, evolve: (s, e) => (folds++, counted.evolve(s, e)) }, context());
    expect(reads).toHaveBeenCalledTimes(1);
    expect(folds).toBe(2);
  });

  it('answers a resend with the same Idempotency-Key with the first result and appends nothing', async () => {
    const first = await runCommand(store, counter(2), context({ idempotencyKey: 'k1' }));
    await runCommand(store, counter(10), context());
    const resend = await runCommand(store, counter(2), context({ idempotencyKey: 'k1', expectedVersion: 0 }));
    expect(resend).toMatchObject({ result: first.result, duplicate: true });
    expect(await store.headPosition()).toBe(2);
  });

  it('refuses a key first used for another resource, or another kind of command', async () => {
    await runCommand(store, counter(1), context({ idempotencyKey: 'k1' }));
    const other = { ...counter(1), streamId: 'counter-2' };
    await expect(runCommand(store, other, context({ idempotencyKey: 'k1' }))).rejects.toMatchObject({
      kind: 'conflict',
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    const elsewhere = { ...counter(1), sameResource: () => false };
    await expect(runCommand(store, elsewhere, context({ idempotencyKey: 'k1' }))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await store.headPosition()).toBe(1);
  });

  it('refuses a stale expected version as a conflict and appends nothing; a current one goes through', async () => {
    await runCommand(store, counter(1), context());
    const stale = runCommand(store, counter(1), context({ expectedVersion: 0 }));
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(runCommand(store, counter(1), context({ expectedVersion: 0 }))).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      expected: 0,
      actual: 1,
    });
    expect(await store.headPosition()).toBe(1);
    await expect(runCommand(store, counter(1), context({ expectedVersion: 1 }))).resolves.toMatchObject({
      result: { version: 2 },
    });
  });

  it('authorizes before the version check and judges the result before appending', async () => {
    await runCommand(store, counter(1), context());
    const refuse = () => {
      throw new Error('not yours');
    };
    await expect(
      runCommand(store, { ...counter(1), authorize: refuse }, context({ expectedVersion: 0 })),
    ).rejects.toThrow('not yours');
    const tooMuch = { ...counter(5), authorizeResult: (total: number) => (total > 3 ? refuse() : undefined) };
    await expect(runCommand(store, tooMuch, context())).rejects.toThrow('not yours');
    expect(await store.headPosition()).toBe(1);
  });

  it('retries a conflict with a concurrent writer when the sender named no version, deciding on the new state', async () => {
    let calls = 0;
    const outcome = await runCommand(
      store,
      counter(1, async (total) => {
        if (calls++ === 0) await store.append('counter-1', [stored(100)], { expectedVersion: 'any' });
        return [added(total)];
      }),
      context(),
    );
    expect(calls).toBe(2);
    expect(outcome.result).toEqual({ total: 200, version: 2 });
  });

  it('answers a conflict under an expected version as a conflict without deciding again', async () => {
    let calls = 0;
    const write = counter(1, async () => {
      calls++;
      await store.append('counter-1', [stored(100)], { expectedVersion: 'any' });
      return [added(1)];
    });
    await expect(runCommand(store, write, context({ expectedVersion: 0 }))).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(calls).toBe(1);
  });

  it('gives up after its attempts with the one conflict error (a ConcurrencyError)', async () => {
    let calls = 0;
    const write = counter(1, async () => {
      calls++;
      await store.append('counter-1', [stored(1)], { expectedVersion: 'any' });
      return [added(1)];
    });
    await expect(runCommand(store, write, context())).rejects.toBeInstanceOf(ConcurrencyError);
    expect(calls).toBe(4);
  });

  it('appends nothing when the decision is empty, and a refusal appends nothing', async () => {
    expect(
      await runCommand(
        store,
        counter(0, () => []),
        context(),
      ),
    ).toMatchObject({ result: { total: 0, version: 0 }, appended: [] });
    const refused = counter(0, () => {
      throw new Error('refused');
    });
    await expect(runCommand(store, refused, context())).rejects.toThrow('refused');
    expect(await store.headPosition()).toBe(0);
  });

  it('appends a record without reading the stream (append-only), after whatever the stream holds', async () => {
    await runCommand(store, counter(5), context());
    const reads = jest.spyOn(store, 'readStream');
    const record = { ...counter(2), load: 'append-only' as const };
    const outcome = await runCommand(store, record, context({ commandId: 'record-1' }));
    expect(reads).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ result: { total: 2, version: 2 }, duplicate: false });
    expect(outcome.appended.map((e) => e.streamVersion)).toEqual([2]);
    expect((await store.readStream('counter-1')).map((e) => addedBy(decodeEvent(e)))).toEqual([5, 2]);

    await runCommand(store, counter(1), context());
    const resend = await runCommand(store, record, context({ commandId: 'record-1' }));
    expect(resend).toMatchObject({ result: { total: 2, version: 2 }, duplicate: true });
    expect(reads).toHaveBeenLastCalledWith('counter-1', { fromVersion: 2, toVersion: 2 });
    expect(await store.headPosition()).toBe(3);
    await expect(runCommand(store, record, context({ expectedVersion: 3 }))).rejects.toThrow('no expected version');
    expect(await store.headPosition()).toBe(3);
  });
});
