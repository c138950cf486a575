import { calendar } from '@ketnap/domain/testing';
import type { EventStore, LogCheckpoint, SqlDatabase } from '@ketnap/event-store';
import {
  DeadlineSaga,
  DeadlineSagaConsumer,
  Lease,
  SagaStore,
  WORKER_SQL,
  type LeaseHolder,
  type SagaCause,
  type SagaLeaseOptions,
} from '@ketnap/engine';
import { type DeadlineHarness, dossierIdOf, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { countByKey, sagaSuite, wholeLog } from './support/saga-support';

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

/** A second worker's view of one harness: its own saga consumer and what that consumer reconciled. */
interface Worker {
  consumer: DeadlineSagaConsumer;
  /** Dossiers this worker's consumer reconciled from the log, in order. */
  handled: string[];
  /** Where each of its reads of the log started (once each time it took the lease). */
  readFrom: LogCheckpoint[];
}

/**
 * Two saga workers over one event store and one worker state database, as two processes sharing
 * PostgreSQL are: the harness's own consumer is stopped and two are started in its place, each
 * recording the dossiers it handles. `gate` lets a test hold a worker inside a page.
 */
function workerOn(
  h: DeadlineHarness,
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
  } as Pick<EventStore, 'subscribe' | 'headPosition'> as EventStore;
  const recording = {
    reconcile: async (id: string, cause: SagaCause) => {
      handled.push(id);
      await gate(id);
      return saga.reconcile(id, cause);
    },
  } as DeadlineSaga;
  const consumer = new DeadlineSagaConsumer(
    store,
    recording,
    h.app.get(SagaStore),
    h.app.get<SqlDatabase>(WORKER_SQL),
    { owner, ...lease },
  );
  consumer.start();
  const worker = { consumer, handled, readFrom };
  started.push(worker);
  return worker;
}

/** The workers a test started, stopped after it whatever its outcome (their loops would outlive the harness). */
const started: Worker[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.consumer.stop()));
});

const holderOf = async (h: DeadlineHarness): Promise<LeaseHolder | undefined> =>
  (await Lease.open(h.app.get<SqlDatabase>(WORKER_SQL), { name: 'deadline-saga', owner: 'observer' })).holder();

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

describe('two saga workers over one worker state database', () => {
  const suite = sagaSuite(EMBEDDED);
  const timing = { ttlMs: 1500, renewEveryMs: 100 };
  const early = [1, 2, 3].map((n) => dossierIdOf(n, 20));
  const late = [4, 5, 6].map((n) => dossierIdOf(n, 20));

  it('lets one handle the log; killed, the other takes over after the ttl from the shared checkpoint', async () => {
    const h = await suite.start('2024-05-02T02:00:00Z');
    await h.consumer.stop();
    const a = workerOn(h, 'worker-a', timing);
    await until('worker-a to hold the lease', async () => (await holderOf(h))?.owner === 'worker-a');
    const b = workerOn(h, 'worker-b', timing);
    for (const id of early)
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await settledBy(h, a);
    await b.consumer.caughtUp(await h.store.headPosition());

    expect(a.handled).toEqual(expect.arrayContaining(early));
    expect(b.handled).toEqual([]);
    expect(b.consumer.position()).toBe(a.consumer.position());

    const { token } = (await holderOf(h))!;
    await a.consumer.stop({ release: false });
    const shared = await h.app.get(SagaStore).checkpoint('deadline-saga');
    expect(shared.position).toBe(a.consumer.position());
    const handledByA = a.handled.length;
    h.clock.set(LATE);
    for (const id of late)
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await settledBy(h, b);

    expect(await holderOf(h)).toMatchObject({ owner: 'worker-b', token: token + 1 });
    expect(a.handled).toHaveLength(handledByA);
    expect(b.handled).toEqual(expect.arrayContaining(late));
    expect(a.readFrom).toHaveLength(1);
    expect(b.readFrom).toEqual([shared.checkpoint]);
    const breaches = countByKey(await wholeLog(h.store), 'DeadlineBreached');
    for (const id of late) expect(breaches.get(lateKey(id))).toBe(1);
    expect([...breaches.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});

describe('a saga worker that lost its lease in the middle of a page', () => {
  const suite = sagaSuite(EMBEDDED);
  const [held, next] = [7, 8].map((n) => dossierIdOf(n, 20));

  let release = () => undefined as void;
  afterEach(() => release());

  it('has its checkpoint refused, changing nothing, and goes back to following the new holder', async () => {
    const h = await suite.start(LATE.toISOString());
    await h.consumer.stop();
    const released = new Promise<void>((resolve) => (release = resolve));
    const a = workerOn(h, 'worker-a', { ttlMs: 60_000, renewEveryMs: 100 }, (id) =>
      id === held ? released : Promise.resolve(),
    );
    await until('worker-a to hold the lease', async () => (await holderOf(h))?.owner === 'worker-a');
    await writeDossier(h.store, calendar, held, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await until('worker-a to be inside the page', () => a.handled.includes(held));

    // worker-b judges worker-a dead (as a process of this host that no longer runs would be) and takes over.
    const b = workerOn(h, 'worker-b', { renewEveryMs: 100, abandoned: (owner) => owner === 'worker-a' });
    await until('worker-b to hold the lease', async () => (await holderOf(h))?.owner === 'worker-b');
    await writeDossier(h.store, calendar, next, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await settledBy(h, b);
    const store = h.app.get(SagaStore);
    const checkpoint = await store.checkpoint('deadline-saga');
    expect(checkpoint.position).toBe(await h.store.headPosition());

    release();
    await until('worker-a to follow worker-b', () => a.consumer.position() >= checkpoint.position);
    expect(await store.checkpoint('deadline-saga')).toEqual(checkpoint);
    expect(await holderOf(h)).toMatchObject({ owner: 'worker-b' });
    expect(a.handled).not.toContain(next);
    expect(b.handled).toEqual(expect.arrayContaining([held, next]));
    const breaches = countByKey(await wholeLog(h.store), 'DeadlineBreached');
    expect(breaches.get(lateKey(held))).toBe(1);
    expect(breaches.get(lateKey(next))).toBe(1);
  }, 60_000);
});
