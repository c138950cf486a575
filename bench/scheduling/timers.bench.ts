// Timer scheduler benchmark: arming rate and memory, sweep time through every due timer, and firing
// lateness, for the embedded scheduler and (given a reachable Redis) the BullMQ one.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { BullmqTimerScheduler, EmbeddedTimerScheduler, type TimerScheduler } from '@ketnap/scheduling';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LATENESS_BATCH = 2000;
/** Arms in flight at once: the saga arms from several dossiers concurrently. */
const ARM_CONCURRENCY = 100;

interface Adapter {
  name: string;
  /** A fresh scheduler on fresh storage, deciding "due" by `clock`. */
  make(clock: () => Date): TimerScheduler;
  storageBytes?(): Promise<number>;
  cleanup(): Promise<void>;
}

/** Arms `count` timers due 1–24 hours ahead of a manual clock, then sweeps them all; then measures lateness. */
export async function benchTimers(opts: { count: number; redisUrl?: string }): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = { count: opts.count, node: process.version };
  const adapters: Array<() => Promise<Adapter>> = [embedded];
  if (opts.redisUrl) adapters.push(() => bullmq(opts.redisUrl as string));
  else results.bullmq = { skipped: 'no redisUrl given' };
  for (const open of adapters) {
    let adapter: Adapter | undefined;
    try {
      adapter = await open();
      results[adapter.name] = {
        ...(await armAndSweep(adapter, opts.count)),
        lateness: await lateness(adapter, Math.min(opts.count, LATENESS_BATCH)),
      };
    } catch (error) {
      results[adapter?.name ?? 'bullmq'] = { skipped: error instanceof Error ? error.message : String(error) };
    } finally {
      await adapter?.cleanup();
    }
  }
  return results;
}

async function armAndSweep(adapter: Adapter, count: number): Promise<Record<string, unknown>> {
  let now = new Date('2025-01-06T01:00:00.000Z');
  const scheduler = adapter.make(() => now);
  try {
    const storageBefore = (await adapter.storageBytes?.()) ?? 0;
    const memoryBefore = settledMemory();
    const started = performance.now();
    await inPool(count, (i) =>
      scheduler.arm({
        id: `dossier-${i}_admission-decision_2025-03-${String((i % 28) + 1).padStart(2, '0')}`,
        dueAt: new Date(now.getTime() + HOUR + Math.floor((i * (DAY - HOUR)) / count)),
        payload: { i },
      }),
    );
    const armMs = performance.now() - started;
    const memoryAfter = settledMemory();
    const storageAfter = (await adapter.storageBytes?.()) ?? 0;
    if ((await scheduler.armed()) !== count)
      throw new Error(`${adapter.name}: ${await scheduler.armed()} armed, expected ${count}`);

    let delivered = 0;
    await scheduler.start(async () => void (delivered += 1));
    now = new Date(now.getTime() + 2 * DAY);
    const sweepStarted = performance.now();
    const swept = await scheduler.pollNow();
    const sweepMs = performance.now() - sweepStarted;
    if (delivered !== count || swept !== count)
      throw new Error(`${adapter.name}: swept ${swept}, delivered ${delivered}, expected ${count}`);
    return {
      arm: { ms: round(armMs), perSecond: Math.round(count / (armMs / 1000)), concurrency: ARM_CONCURRENCY },
      memory: {
        rssDeltaMb: mb(memoryAfter.rss - memoryBefore.rss),
        heapDeltaMb: mb(memoryAfter.heapUsed - memoryBefore.heapUsed),
        storageDeltaMb: adapter.storageBytes ? mb(storageAfter - storageBefore) : undefined,
      },
      sweep: { delivered, ms: round(sweepMs), perSecond: Math.round(count / (sweepMs / 1000)) },
    };
  } finally {
    await scheduler.close();
  }
}

/** Arms a batch due at one instant on the system clock, lets the running scheduler fire it, and reports ms after due. */
async function lateness(adapter: Adapter, batch: number): Promise<Record<string, unknown>> {
  const scheduler = adapter.make(() => new Date());
  try {
    const late: number[] = [];
    await scheduler.start(async (timer) => void late.push(Date.now() - timer.dueAt.getTime()));
    const dueAt = new Date(Date.now() + 1500);
    await inPool(batch, (i) => scheduler.arm({ id: `late-${i}`, dueAt, payload: { i } }));
    if (Date.now() > dueAt.getTime())
      throw new Error(`${adapter.name}: arming ${batch} timers took longer than the 1500 ms lead`);
    const deadline = Date.now() + 60_000;
    while (late.length < batch && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    late.sort((a, b) => a - b);
    const at = (q: number) => late[Math.min(late.length - 1, Math.floor(q * late.length))];
    return {
      batch,
      fired: late.length,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: late[late.length - 1],
      earliestMs: late[0],
    };
  } finally {
    await scheduler.close();
  }
}

async function embedded(): Promise<Adapter> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-timers-'));
  let n = 0;
  let current = '';
  return {
    name: 'embedded',
    make: (clock) => new EmbeddedTimerScheduler({ path: (current = join(dir, `timers-${(n += 1)}.db`)), clock }),
    storageBytes: async () => fileBytes(current),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function bullmq(url: string): Promise<Adapter> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const prefix = `ketnap-bench-${process.pid}`;
  let n = 0;
  return {
    name: 'bullmq',
    make: (clock) => new BullmqTimerScheduler({ connection: url, prefix, queueName: `deadlines-${(n += 1)}`, clock }),
    /** Redis-wide: approximate when other clients write to the same Redis. */
    storageBytes: async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0),
    cleanup: async () => {
      for (let cursor = '0'; ;) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        if ((cursor = next) === '0') break;
      }
      await redis.quit();
    },
  };
}

async function inPool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(ARM_CONCURRENCY, count) }, worker));
}

function settledMemory(): NodeJS.MemoryUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

function fileBytes(path: string): number {
  return [path, `${path}-wal`].filter(existsSync).reduce((sum, p) => sum + statSync(p).size, 0);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (ms: number) => Math.round(ms);
