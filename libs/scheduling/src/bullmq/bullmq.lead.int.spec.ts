import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describeWithService } from '../../../../test/support/services';
import { deleteKeysWithPrefix } from '../testing/redis-keys';
import { Deliveries, ManualTestClock, eventually, sleep } from '../testing/timer-testing';
import type { TimerFailure } from '../timer-scheduler.port';
import { BullmqTimerScheduler, type BullmqTimerSchedulerOptions } from './bullmq.timer-scheduler';

const root = join(__dirname, '..', '..', '..', '..');
const inMs = (ms: number): Date => new Date(Date.now() + ms);

/** Jobs taken ahead of their due time and held in the process until it: what must still hold then. */
describeWithService('redis', 'BullMQ timer scheduler taking jobs ahead', (url) => {
  let redis: Redis;
  let prefix: string;
  const queueName = 'deadlines';
  let runs = 0;
  const schedulers: BullmqTimerScheduler[] = [];
  let errors: unknown[];
  let deliveries: Deliveries;

  const open = (options: Partial<BullmqTimerSchedulerOptions> = {}): BullmqTimerScheduler => {
    const scheduler = new BullmqTimerScheduler({
      connection: url,
      prefix,
      queueName,
      leadMs: 2000,
      maxAttempts: 3,
      backoffMs: 20,
      onFailure: (f: TimerFailure) => void errors.push(f.error),
      onError: (e) => void errors.push(e),
      ...options,
    });
    schedulers.push(scheduler);
    return scheduler;
  };
  /** Resolves once the job of `id` is active: taken by a worker, which holds it until its due time. */
  const taken = (id: string) =>
    eventually(async () => (await redis.lrange(`${prefix}:${queueName}:active`, 0, -1)).includes(id), `${id} taken`);

  beforeAll(() => (redis = new Redis(url)));
  afterAll(async () => {
    await redis.quit();
  });
  beforeEach(() => {
    runs += 1;
    prefix = `ketnap-test-lead-${process.pid}-${runs}`;
    errors = [];
    deliveries = new Deliveries();
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.close()));
    await deleteKeysWithPrefix(redis, prefix);
    expect(errors).toEqual([]);
  });

  it('never fires a timer cancelled while held, in this process or from another', async () => {
    const scheduler = open();
    await scheduler.start(deliveries.handler());
    const dueAt = inMs(1500);
    await scheduler.arm({ id: 'here', dueAt, payload: {} });
    await scheduler.arm({ id: 'elsewhere', dueAt, payload: {} });
    await scheduler.arm({ id: 'kept', dueAt, payload: {} });
    await Promise.all(['here', 'elsewhere', 'kept'].map(taken));
    await scheduler.cancel('here');
    await open().cancel('elsewhere');
    expect(await scheduler.get('elsewhere')).toBeNull();
    await eventually(() => deliveries.seen.length > 0, 'the kept timer');
    await sleep(200);
    expect(deliveries.seen.map((d) => d.id)).toEqual(['kept']);
    expect(deliveries.seen[0].at).toBeGreaterThanOrEqual(dueAt.getTime());
    await eventually(async () => (await scheduler.armed()) === 0, 'every job removed');
  });

  it('fires a timer re-armed later while held at its new time, once, with its new payload', async () => {
    const scheduler = open();
    await scheduler.start(deliveries.handler());
    const first = inMs(1200);
    await scheduler.arm({ id: 'here', dueAt: first, payload: { v: 1 } });
    await scheduler.arm({ id: 'elsewhere', dueAt: first, payload: { v: 1 } });
    await Promise.all([taken('here'), taken('elsewhere')]);
    const later = new Date(first.getTime() + 600);
    await scheduler.arm({ id: 'here', dueAt: later, payload: { v: 2 } });
    await open().arm({ id: 'elsewhere', dueAt: later, payload: { v: 2 } });
    await eventually(() => deliveries.seen.length === 2, 'both re-armed timers', 5000);
    await sleep(200);
    expect(deliveries.seen).toHaveLength(2);
    for (const fired of deliveries.seen) {
      expect(fired).toMatchObject({ dueAt: later, payload: { v: 2 }, attempt: 1 });
      expect(fired.at).toBeGreaterThanOrEqual(later.getTime());
    }
  });

  it('fires a timer re-armed earlier while held at its new time, not at the old one', async () => {
    const scheduler = open();
    await scheduler.start(deliveries.handler());
    const old = inMs(1900);
    await scheduler.arm({ id: 'sooner', dueAt: old, payload: { v: 1 } });
    await taken('sooner');
    const sooner = inMs(100);
    await scheduler.arm({ id: 'sooner', dueAt: sooner, payload: { v: 2 } });
    await eventually(() => deliveries.seen.length === 1, 'the earlier firing');
    expect(deliveries.seen[0]).toMatchObject({ dueAt: sooner, payload: { v: 2 } });
    expect(deliveries.seen[0].at).toBeGreaterThanOrEqual(sooner.getTime());
    expect(deliveries.seen[0].at).toBeLessThan(old.getTime());
    await sleep(old.getTime() - Date.now() + 200);
    expect(deliveries.seen).toHaveLength(1);
  });

  it('stop() gives held jobs back at once; the next worker fires them at their time, as first attempts', async () => {
    const scheduler = open();
    await scheduler.start(deliveries.handler());
    const dueAt = inMs(1500);
    await scheduler.arm({ id: 'held', dueAt, payload: {} });
    await taken('held');
    const stopping = Date.now();
    await scheduler.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(deliveries.seen).toEqual([]);
    expect(await scheduler.get('held')).toMatchObject({ state: 'armed', attempts: 0 });
    await open().start(deliveries.handler());
    await eventually(() => deliveries.seen.length === 1, 'the firing by the next worker');
    expect(deliveries.seen[0]).toMatchObject({ id: 'held', attempt: 1 });
    expect(deliveries.seen[0].at).toBeGreaterThanOrEqual(dueAt.getTime());
  });

  it('pollNow delivers a held job due by the injected clock without waiting for the machine time', async () => {
    const clock = new ManualTestClock();
    const scheduler = open({ clock: clock.now });
    await scheduler.start(deliveries.handler());
    await scheduler.arm({ id: 'soon', dueAt: new Date(clock.now().getTime() + 1500), payload: {} });
    await taken('soon');
    expect(await scheduler.pollNow()).toBe(0);
    clock.advance(1500);
    const polled = Date.now();
    expect(await scheduler.pollNow()).toBe(1);
    expect(deliveries.seen).toEqual([expect.objectContaining({ id: 'soon', firedAt: clock.now(), attempt: 1 })]);
    expect(deliveries.seen[0].at - polled).toBeLessThan(1000);
  });

  it('a job held by a process that died is delivered by another worker once its lock lapses, once', async () => {
    const child = spawn(
      process.execPath,
      ['-r', join(root, 'test/support/register-ts.js'), join(__dirname, 'fixtures', 'holding-worker.ts')].concat(
        url,
        prefix,
        queueName,
      ),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await eventually(() => output.includes('ready'), 'the child worker', 15_000);
      const scheduler = open({ lockMs: 1000 });
      const dueAt = inMs(1500);
      await scheduler.arm({ id: 'orphan', dueAt, payload: {} });
      await taken('orphan');
      child.kill('SIGKILL');
      expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
      await scheduler.start(deliveries.handler());
      await eventually(() => deliveries.seen.length === 1, 'the orphan delivered by the other worker', 8000);
      expect(deliveries.seen[0]).toMatchObject({ id: 'orphan', dueAt });
      expect(deliveries.seen[0].at).toBeGreaterThanOrEqual(dueAt.getTime());
      await eventually(async () => (await scheduler.armed()) === 0, 'the orphan removed');
      await sleep(300);
      expect(deliveries.seen).toHaveLength(1);
      expect(output).not.toContain('fired');
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
