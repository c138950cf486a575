import { MemoryEventStore, type EventEnvelope, type EventStore } from '@ketnap/event-store';
import { writeStream, type StreamWrite } from './stream-write';
import type { WriteContext } from './write-context';

/** A counter stream: each write adds `by`; the answer is the total and the version. */
const counter = (
  context: WriteContext,
  by = 1,
  decide?: StreamWrite<number, unknown>['decide'],
): StreamWrite<number, { total: number; version: number }> => ({
  streamId: 'counter-1',
  context,
  initialState: () => 0,
  evolve: (total: number, event: EventEnvelope) => total + (event.data as { by: number }).by,
  decide: decide ?? (() => [{ type: 'Added', data: { by } }]),
  result: (total, version) => ({ total, version }),
});

const context = (extra: Partial<WriteContext> = {}): WriteContext => ({
  actor: { sub: 'u-1', role: 'admin', unitIds: [] },
  correlationId: 'corr-1',
  ...extra,
});

describe('writeStream', () => {
  let store: EventStore;
  beforeEach(() => (store = new MemoryEventStore()));

  it('appends with the actor and correlation id in the metadata and answers from the new state', async () => {
    await writeStream(store, counter(context(), 2));
    const outcome = await writeStream(store, counter(context(), 3));
    expect(outcome).toMatchObject({ result: { total: 5, version: 2 }, duplicate: false });
    expect(outcome.appended[0].metadata).toMatchObject({
      actor: { sub: 'u-1', role: 'admin', unitIds: [] },
      correlationId: 'corr-1',
    });
  });

  it('answers a resend with the same Idempotency-Key with the first result and appends nothing', async () => {
    const first = await writeStream(store, counter(context({ idempotencyKey: 'k1' }), 2));
    await writeStream(store, counter(context(), 10));
    const resend = await writeStream(store, counter(context({ idempotencyKey: 'k1', ifMatch: 0 }), 2));
    expect(resend).toMatchObject({ result: first.result, duplicate: true });
    expect(await store.headPosition()).toBe(2);
  });

  it('refuses a key first used for another resource', async () => {
    await writeStream(store, counter(context({ idempotencyKey: 'k1' })));
    const other = { ...counter(context({ idempotencyKey: 'k1' })), streamId: 'counter-2' };
    await expect(writeStream(store, other)).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    const elsewhere = { ...counter(context({ idempotencyKey: 'k1' })), sameResource: () => false };
    await expect(writeStream(store, elsewhere)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses a stale If-Match with 409 and appends nothing; a current one goes through', async () => {
    await writeStream(store, counter(context()));
    await expect(writeStream(store, counter(context({ ifMatch: 0 })))).rejects.toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      expected: 0,
      actual: 1,
    });
    expect(await store.headPosition()).toBe(1);
    await expect(writeStream(store, counter(context({ ifMatch: 1 })))).resolves.toMatchObject({
      result: { version: 2 },
    });
  });

  it('retries a conflict with a concurrent writer when the client sent no If-Match, deciding on the new state', async () => {
    let calls = 0;
    const outcome = await writeStream(
      store,
      counter(context(), 1, async (total) => {
        if (calls++ === 0)
          await store.append('counter-1', [{ type: 'Added', data: { by: 100 } }], { expectedVersion: 'any' });
        return [{ type: 'Added', data: { by: total } }];
      }),
    );
    expect(calls).toBe(2);
    expect(outcome.result).toEqual({ total: 200, version: 2 });
  });

  it('answers a conflict under If-Match with 409 without deciding again', async () => {
    let calls = 0;
    const write = counter(context({ ifMatch: 0 }), 1, async () => {
      calls++;
      await store.append('counter-1', [{ type: 'Added', data: { by: 100 } }], { expectedVersion: 'any' });
      return [{ type: 'Added', data: { by: 1 } }];
    });
    await expect(writeStream(store, write)).rejects.toMatchObject({ status: 409 });
    expect(calls).toBe(1);
  });

  it("gives up after the retries with the store's ConcurrencyError", async () => {
    const write = counter(context(), 1, async () => {
      await store.append('counter-1', [{ type: 'Added', data: { by: 1 } }], { expectedVersion: 'any' });
      return [{ type: 'Added', data: { by: 1 } }];
    });
    await expect(writeStream(store, { ...write, retries: 2 })).rejects.toMatchObject({ name: 'ConcurrencyError' });
  });

  it('appends nothing when the decision is empty, and a refusal appends nothing', async () => {
    expect(
      await writeStream(
        store,
        counter(context(), 0, () => []),
      ),
    ).toMatchObject({ result: { total: 0, version: 0 }, appended: [] });
    await expect(
      writeStream(
        store,
        counter(context(), 0, () => {
          throw new Error('refused');
        }),
      ),
    ).rejects.toThrow('refused');
    expect(await store.headPosition()).toBe(0);
  });
});
