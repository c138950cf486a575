// Deadline saga benchmark: the sweep over a deadlines board of `count` open obligations, on each timer
// adapter. Arms every timer through the saga's bookkeeping, loses them all (what a Redis FLUSHALL does),
// measures the sweep that re-arms them, the interval sweep when nothing is missing, and firing lateness
// with all of them armed.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { addDays, createVietnamCalendar, legalDateOf, type LocalDate } from '@ketnap/domain';
import { DEADLINES_PROJECTION, DeadlinesBoard, ProjectionDatabase, deadlinesProjection } from '@ketnap/projections';
import { SqliteSql } from '@ketnap/event-store';
import {
  BULLMQ_CONCURRENCY,
  BullmqTimerScheduler,
  EmbeddedTimerScheduler,
  type TimerScheduler,
} from '@ketnap/scheduling';
import {
  SystemClock,
  type DeadlineSaga,
  DeadlineSweep,
  SweepTasks,
  type ReminderService,
  SagaStore,
  SagaTimers,
} from '@ketnap/engine';
import { deleteKeysWithPrefix } from '@ketnap/scheduling/testing';

const LATENESS_BATCH = 2000;
/** The rate of the steady case: far above a national deployment's deadlines (about one every 15 s on average). */
const STEADY_PER_SECOND = 200;
/** Timers armed one after the other, each once the one before has fired. */
const LONE_TIMERS = 20;
const ARM_CONCURRENCY = 100;

/** The Redis the bench uses: `KETNAP_BENCH_REDIS_URL`, else `REDIS_URL`, else the local default; `undefined` when it does not answer. */
export async function benchRedisUrl(): Promise<string | undefined> {
  const url = process.env.KETNAP_BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return url;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

export interface DeadlineSweepResult {
  armed: number;
  arm: { ms: number; perSecond: number };
  memory: { rssDeltaMb: number; heapDeltaMb: number };
  sweep: { nothingMissingMs: number; rearmed: number; afterLosingAllTimersMs: number; rearmedPerSecond: number };
  lateness: FiringLateness;
}

/** Per adapter: arming `count` deadlines, memory, the sweep (nothing missing; after losing every timer), firing lateness. */
export async function benchDeadlineSweep(opts: {
  count: number;
  redisUrl?: string;
}): Promise<Record<string, DeadlineSweepResult | { lateness: FiringLateness } | { skipped: string }>> {
  const results: Record<string, DeadlineSweepResult | { lateness: FiringLateness } | { skipped: string }> = {};
  const kinds: Array<'embedded' | 'bullmq'> = opts.redisUrl ? ['embedded', 'bullmq'] : ['embedded'];
  if (!opts.redisUrl) results.bullmq = { skipped: 'no Redis reachable' };
  for (const kind of kinds) results[kind] = await benchOne(kind, opts.count, opts.redisUrl);
  if (opts.redisUrl) results['bullmq raw'] = { lateness: await rawBullmqLateness(opts.redisUrl) };
  return results;
}

async function benchOne(kind: 'embedded' | 'bullmq', count: number, redisUrl?: string): Promise<DeadlineSweepResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-saga-'));
  const prefix = `ketnap-bench-saga-${process.pid}`;
  const clock = new SystemClock();
  const today = legalDateOf(clock.now());
  const db = new Database(join(dir, 'timers.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const scheduler: TimerScheduler =
    kind === 'bullmq'
      ? new BullmqTimerScheduler({ connection: redisUrl as string, prefix })
      : new EmbeddedTimerScheduler({ db });
  const pdb = await ProjectionDatabase.openSqlite(join(dir, 'projections.db'));
  // The saga's state on its own connection to the file, as the worker has it (`WORKER_SQL`).
  const state = new SqliteSql(join(dir, 'timers.db'));
  const late: number[] = [];
  try {
    const board = await fillBoard(pdb, count, today);
    const timers = new SagaTimers(scheduler, await SagaStore.open(state));
    const sweep = new DeadlineSweep(
      {} as DeadlineSaga,
      timers,
      {} as ReminderService,
      board,
      { caughtUp: async () => undefined },
      scheduler,
      clock,
      new SweepTasks(),
    );
    await scheduler.start(
      async (timer) => void (timer.id.startsWith('late-') && late.push(Date.now() - timer.dueAt.getTime())),
    );

    const memoryBefore = settledMemory();
    let started = performance.now();
    const keys = await board.openNotDue(today, count);
    await inPool(keys, (key) => timers.arm(key));
    const armMs = performance.now() - started;
    const memoryAfter = settledMemory();
    if ((await scheduler.armed()) !== count)
      throw new Error(`${kind}: ${await scheduler.armed()} armed, expected ${count}`);

    started = performance.now();
    const idle = await sweep.run('missing');
    const idleMs = performance.now() - started;

    await lose(kind, db, redisUrl, prefix);
    started = performance.now();
    const healed = await sweep.run('missing');
    const healMs = performance.now() - started;
    if (healed.rearmed !== count || (await scheduler.armed()) !== count)
      throw new Error(`${kind}: re-armed ${healed.rearmed}, expected ${count}`);

    const lateness = await firingLateness(
      (id, dueAtMs) => scheduler.arm({ id, dueAt: new Date(dueAtMs), payload: {} }),
      late,
    );
    return {
      armed: count,
      arm: { ms: Math.round(armMs), perSecond: Math.round(count / (armMs / 1000)) },
      memory: {
        rssDeltaMb: mb(memoryAfter.rss - memoryBefore.rss),
        heapDeltaMb: mb(memoryAfter.heapUsed - memoryBefore.heapUsed),
      },
      sweep: {
        nothingMissingMs: Math.round(idleMs),
        rearmed: idle.rearmed,
        afterLosingAllTimersMs: Math.round(healMs),
        rearmedPerSecond: Math.round(count / (healMs / 1000)),
      },
      lateness,
    };
  } finally {
    await scheduler.close();
    await state.close();
    db.close();
    await pdb.close();
    if (redisUrl && kind === 'bullmq') await dropPrefix(redisUrl, prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A deadlines board of `count` open admission-decision obligations, due over the year after next month. */
async function fillBoard(pdb: ProjectionDatabase, count: number, today: LocalDate): Promise<DeadlinesBoard> {
  const calendar = createVietnamCalendar();
  await pdb.createGeneration(deadlinesProjection({ calendar, reminderDays: [10, 3] }), 'active');
  const table = (await pdb.tables(DEADLINES_PROJECTION))('deadlines');
  const insert = `INSERT INTO ${table} VALUES (?, 'admission-decision', 'chi-bo', '2025-01-01', ?, 'open', NULL, NULL, NULL, 1, NULL, '[]')`;
  await pdb.sql.transaction(async (tx) => {
    for (let i = 0; i < count; i += 1)
      await tx.run(insert, [`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, addDays(today, 30 + (i % 365))]);
  });
  return new DeadlinesBoard(pdb, calendar);
}

/** Loses every timer: the embedded table emptied, or every BullMQ key of the prefix deleted. */
async function lose(kind: string, db: Database.Database, redisUrl: string | undefined, prefix: string): Promise<void> {
  if (kind === 'embedded') db.exec('DELETE FROM timers');
  else await dropPrefix(redisUrl as string, prefix);
}

/** Arms the timer `id` due at `dueAtMs` (a timer of the bench's own, `late-…`). */
type ArmOne = (id: string, dueAtMs: number) => Promise<unknown>;

/** Milliseconds after due as the handler saw them, over one set of timers. */
export interface LatenessFigures {
  fired: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface FiringLateness {
  /** {@link LATENESS_BATCH} timers due at the same instant: how long the adapter takes to fire a burst. */
  burst: LatenessFigures & { timers: number; armedAheadMs: number };
  /** As many timers due one after the other at {@link STEADY_PER_SECOND} a second: deadlines falling due in turn. */
  steady: LatenessFigures & { timers: number; perSecond: number };
  /** Timers armed one at a time, each once the one before has fired. */
  lone: LatenessFigures;
}

/**
 * With the deadlines armed: a burst due at once 1.5 s ahead, the same number due in turn at a steady
 * rate, then timers armed one at a time, each due a few hundred milliseconds ahead.
 */
async function firingLateness(arm: ArmOne, late: number[]): Promise<FiringLateness> {
  const dueAtMs = Date.now() + 1500;
  await inPool(
    Array.from({ length: LATENESS_BATCH }, (_, i) => i),
    (i) => arm(`late-${i}`, dueAtMs),
  );
  const armedAheadMs = dueAtMs - Date.now();
  await until(() => late.length === LATENESS_BATCH);
  const burst = { timers: LATENESS_BATCH, armedAheadMs, ...percentiles(late.splice(0)) };

  const firstDueMs = Date.now() + 3000;
  const gapMs = 1000 / STEADY_PER_SECOND;
  await inPool(
    Array.from({ length: LATENESS_BATCH }, (_, i) => i),
    (i) => arm(`late-steady-${i}`, Math.round(firstDueMs + i * gapMs)),
  );
  await until(() => late.length === LATENESS_BATCH);
  const steady = { timers: LATENESS_BATCH, perSecond: STEADY_PER_SECOND, ...percentiles(late.splice(0)) };

  for (let i = 0; i < LONE_TIMERS; i += 1) {
    await arm(`late-lone-${i}`, Date.now() + 200 + ((i * 37) % 100));
    await until(() => late.length === i + 1);
  }
  return { burst, steady, lone: percentiles(late.splice(0)) };
}

/**
 * The baseline for the BullMQ adapter's lateness: the same timers as plain BullMQ delayed jobs (the
 * adapter's job options and worker concurrency, no saga, no deadlines armed), on a queue of its own.
 */
async function rawBullmqLateness(url: string): Promise<FiringLateness> {
  const prefix = `ketnap-bench-raw-${process.pid}`;
  const queue = new Queue<{ dueAt: number }>('raw', { connection: { url }, prefix });
  const late: number[] = [];
  const worker = new Worker<{ dueAt: number }>('raw', async (job) => void late.push(Date.now() - job.data.dueAt), {
    connection: { url },
    prefix,
    concurrency: BULLMQ_CONCURRENCY,
  });
  try {
    await worker.waitUntilReady();
    const options = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true };
    return await firingLateness(
      (id, dueAt) => queue.add('timer', { dueAt }, { ...options, jobId: id, delay: dueAt - Date.now() }),
      late,
    );
  } finally {
    await worker.close();
    await queue.close();
    await dropPrefix(url, prefix);
  }
}

/** p50, p99 and max of `late`, which it sorts. */
function percentiles(late: number[]): LatenessFigures {
  late.sort((a, b) => a - b);
  const at = (q: number) => late[Math.min(late.length - 1, Math.floor(q * late.length))];
  return { fired: late.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: late[late.length - 1] };
}

/** Resolves once `condition` holds, or after a minute. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

async function dropPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

async function inPool<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(ARM_CONCURRENCY, items.length) }, worker));
}

function settledMemory(): NodeJS.MemoryUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
