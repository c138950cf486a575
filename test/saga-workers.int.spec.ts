import { calendar } from '@ketnap/domain/testing';
import type { EventStore, LogCheckpoint } from '@ketnap/event-store';
import {
  DeadlineSaga,
  DeadlineSagaConsumer,
  Lease,
  SagaStore,
  type LeaseHolder,
  type SagaCause,
  type SagaLeaseOptions,
} from '@ketnap/engine';
import { type DeadlineHarness, dossierIdOf, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { countByKey, sagaSuite, wholeLog } from './support/saga-support';
import { forEachSqlDialect, type TestSql } from './support/sql-dialects';

const EMBEDDED = { kind: 'embedded', prefix: () => 'unused' } as const;
const KEY_DUE = '2024-06-04';
const LATE = new Date('2024-06-10T02:00:00Z');

/** Polls `check` until it holds (each worker's loop runs on its own timers); fails naming `what` after 30 s. */
async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (const end = Date.now() + 30_000; !(await check());) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One saga worker of a test: its consumer, what it reconciled and where it read the log from. */
interface Worker {
  consumer: DeadlineSagaConsumer;
  /** Dossiers this worker's consumer reconciled from the log, in order. */
  handled: string[];
  /** Where each of its reads of the log started (once each time it took the lease). */
  readFrom: LogCheckpoint[];
}

/** One event store (the harness's) and one worker state database, shared by the workers of a test. */
interface Shared {
  h: DeadlineHarness;
  state: TestSql;
  sagaStore: SagaStore;
}

/**
 * The harness with its own saga consumer stopped, and a worker state database for the workers the
 * test starts in its place (dropped after the test, once they have stopped).
 */
async function shared(h: DeadlineHarness, open: () => Promise<TestSql>): Promise<Shared> {
  await h.consumer.stop();
  const state = await open();
  states.push(state);
  return { h, state, sagaStore: await SagaStore.open(state.sql) };
}

/**
 * A saga worker over the shared store and state, as one of several processes sharing PostgreSQL
 * is, recording the dossiers it handles and where it reads the log from. `gate` lets a test hold it
 * inside a page.
 */
function workerOn(
  { h, state, sagaStore }: Shared,
  owner: string,
  lease: SagaLeaseOptions,
  gate: (dossierId: string) => Promise<void> = async () => undefined,
): Worker {
  const saga = h.app.get(DeadlineSaga);
  const handled: string[] = [];
  const readFrom: LogCheckpoint[] = [];
  const store = {
    subscribe: (options) => (readFrom.push(options.after ?? 'start'), h.store.subscribe(options)),
    headPosition: () => h.store.headPosition(),
    readAll: (options) => h.store.readAll(options),
  } as Pick<EventStore, 'subscribe' | 'headPosition' | 'readAll'> as EventStore;
  const recording = {
    reconcile: async (id: string, cause: SagaCause) => {
      handled.push(id);
      await gate(id);
      return saga.reconcile(id, cause);
    },
  } as DeadlineSaga;
  const consumer = new DeadlineSagaConsumer(store, recording, sagaStore, state.sql, { owner, ...lease });
  consumer.start();
  const worker = { consumer, handled, readFrom };
  started.push(worker);
  return worker;
}

/** The workers a test started, stopped after it whatever its outcome (their loops would outlive the harness), then their database dropped. */
const started: Worker[] = [];
const states: TestSql[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.consumer.stop()));
  await Promise.all(states.splice(0).map((s) => s.drop()));
});

const holderOf = async ({ state }: Shared): Promise<LeaseHolder | undefined> =>
  (await Lease.open(state.sql, { name: 'deadline-saga', owner: 'observer' })).holder();

/** Waits until `worker` has handled, or seen its holder handle, the whole log (its own breaches included). */
async function settledBy(h: DeadlineHarness, worker: Worker): Promise<void> {
  for (let head = await h.store.headPosition(); ;) {
    await worker.consumer.caughtUp(head);
    await h.readModels.caughtUp(head);
    const now = await h.store.headPosition();
    if (now === head) return;
    head = now;
  }
}

const lateKey = (id: string) => `${id}_admission-decision_${KEY_DUE}`;

forEachSqlDialect('two saga workers over one worker state database', (open) => {
  const suite = sagaSuite(EMBEDDED);
  const timing = { ttlMs: 1500, renewEveryMs: 100 };
  const early = [1, 2, 3].map((n) => dossierIdOf(n, 20));
  const late = [4, 5, 6].map((n) => dossierIdOf(n, 20));

  it('lets one handle the log; killed, the other takes over after the ttl from the shared checkpoint', async () => {
    const w = await shared(await suite.start('2024-05-02T02:00:00Z'), open);
    const { h } = w;
    const a = workerOn(w, 'worker-a', timing);
    await until('worker-a to hold the lease', async () => (await holderOf(w))?.owner === 'worker-a');
    const b = workerOn(w, 'worker-b', timing);
    for (const id of early)
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await settledBy(h, a);
    await b.consumer.caughtUp(await h.store.headPosition());

    expect(a.handled).toEqual(expect.arrayContaining(early));
    expect(b.handled).toEqual([]);
    expect(b.consumer.position()).toBe(a.consumer.position());

    const { token } = (await holderOf(w))!;
    await a.consumer.stop({ release: false });
    const left = await w.sagaStore.checkpoint('deadline-saga');
    expect(left.position).toBe(a.consumer.position());
    const handledByA = a.handled.length;
    h.clock.set(LATE);
    for (const id of late)
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await settledBy(h, b);

    expect(await holderOf(w)).toMatchObject({ owner: 'worker-b', token: token + 1 });
    expect(a.handled).toHaveLength(handledByA);
    expect(b.handled).toEqual(expect.arrayContaining(late));
    expect(a.readFrom).toHaveLength(1);
    expect(b.readFrom).toEqual([left.checkpoint]);
    const breaches = countByKey(await wholeLog(h.store), 'DeadlineBreached');
    for (const id of late) expect(breaches.get(lateKey(id))).toBe(1);
    expect([...breaches.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

forEachSqlDialect('a saga worker that lost its lease in the middle of a page', (open) => {
  const suite = sagaSuite(EMBEDDED);
  const [held, next] = [7, 8].map((n) => dossierIdOf(n, 20));

  let release = () => undefined as void;
  afterEach(() => release());

  it('has its checkpoint refused, changing nothing, and goes back to following the new holder', async () => {
    const w = await shared(await suite.start(LATE.toISOString()), open);
    const { h } = w;
    const released = new Promise<void>((resolve) => (release = resolve));
    const a = workerOn(w, 'worker-a', { ttlMs: 60_000, renewEveryMs: 100 }, (id) =>
      id === held ? released : Promise.resolve(),
    );
    await until('worker-a to hold the lease', async () => (await holderOf(w))?.owner === 'worker-a');
    await writeDossier(h.store, calendar, held, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await until('worker-a to be inside the page', () => a.handled.includes(held));

    // worker-b judges worker-a dead (as a process of this host that no longer runs would be) and takes over.
    const b = workerOn(w, 'worker-b', { renewEveryMs: 100, abandoned: (owner) => owner === 'worker-a' });
    await until('worker-b to hold the lease', async () => (await holderOf(w))?.owner === 'worker-b');
    await writeDossier(h.store, calendar, next, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await settledBy(h, b);
    const checkpoint = await w.sagaStore.checkpoint('deadline-saga');
    expect(checkpoint.position).toBe(await h.store.headPosition());

    release();
    await until('worker-a to follow worker-b', () => a.consumer.position() >= checkpoint.position);
    expect(await w.sagaStore.checkpoint('deadline-saga')).toEqual(checkpoint);
    expect(await holderOf(w)).toMatchObject({ owner: 'worker-b' });
    expect(a.handled).not.toContain(next);
    expect(b.handled).toEqual(expect.arrayContaining([held, next]));
    const breaches = countByKey(await wholeLog(h.store), 'DeadlineBreached');
    expect(breaches.get(lateKey(held))).toBe(1);
    expect(breaches.get(lateKey(next))).toBe(1);
  }, 60_000);
});
