import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { canonicalJson } from '@ketnap/event-store';
import { SchedulerStateError, UnrecoverableTimerError } from '../errors';
import type {
  ArmedTimer,
  FiredTimer,
  TimerDeliveryOptions,
  TimerHandler,
  TimerScheduler,
  TimerSpec,
} from '../timer-scheduler.port';
import { assertTimerId, checkTimer, deliverySettings, type CheckedTimer, type DeliverySettings } from '../timer-spec';
import { DueWake } from './due-wake';
import { batched } from '../batched';
import { HeldJobs, Slots } from './held-jobs';
import { PendingChanges, type PendingChange } from './pending-changes';

export interface BullmqTimerSchedulerOptions extends TimerDeliveryOptions {
  /** `redis://…` URL or ioredis options (`url` allowed). The adapter opens its own connections and closes them. */
  connection: string | RedisOptions;
  /** Default `ketnap-deadlines`. */
  queueName?: string;
  /** Redis key prefix (BullMQ's default `bull`). */
  prefix?: string;
  /** Deliveries in flight at once in this process (default {@link BULLMQ_CONCURRENCY}). */
  concurrency?: number;
  /**
   * How long before its due time a timer's job is taken from BullMQ and held in the process, so that
   * BullMQ's own cost per job is paid before the deadline (default {@link BULLMQ_LEAD_MS}; 0 to take
   * jobs at their due time). At most 10,000 ms, well under BullMQ's 30 s lock.
   */
  leadMs?: number;
  /** Jobs held at once in this process, beside the deliveries in flight (default {@link BULLMQ_MAX_HELD}). */
  maxHeld?: number;
  /**
   * BullMQ's lock on a job taken (renewed at half of it) and how often a worker looks for jobs whose
   * lock lapsed, which it takes over (default 30,000 ms): a job held or delivered by a process that died
   * is delivered again within about twice this.
   */
  lockMs?: number;
}

interface TimerJobData {
  dueAt: string;
  payload: Record<string, unknown>;
  /** Times a stopping worker gave the job back while holding it: started, never delivered. */
  givenBack?: number;
}

type TimerJob = Job<TimerJobData, void, 'timer'>;

/** A held job at its due time: still this worker's, changed meanwhile, or no longer this worker's. */
type HeldState = 'ours' | 'changed' | 'lost';

/**
 * A delivery mostly waits on Redis round trips (taking the job, finishing it), not on this process; with
 * more in flight they share socket reads and writes, and a burst of due timers costs less CPU per timer.
 */
export const BULLMQ_CONCURRENCY = 50;
/** Long enough to take a burst of thousands of timers due at one instant before it falls due, on a busy machine. */
export const BULLMQ_LEAD_MS = 2000;
export const BULLMQ_MAX_HELD = 10_000;
/** BullMQ workers taking jobs side by side in one process when jobs are taken ahead. */
const BULLMQ_TAKERS = 4;
const PAGE = 1000;
/** KEYS: the pending changes, then each job's key; ARGV: the job ids, then the tokens they were taken with. */
const HELD_STATES = `
local n = #KEYS - 1
local states = {}
for i = 1, n do
  local job = KEYS[i + 1]
  if redis.call('EXISTS', job) == 0 or redis.call('GET', job .. ':lock') ~= ARGV[n + i] then
    states[i] = 'lost'
  elseif redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
    states[i] = 'changed'
  else
    states[i] = 'ours'
  end
end
return states`;
const UNSETTLED = new Set(['waiting', 'active', 'prioritized', 'waiting-children']);

/**
 * Timers as BullMQ delayed jobs on Redis; the job id is the timer id. The delay is `dueAt − clock() −
 * leadMs` at arming, after which BullMQ hands the job over by the machines' time (a {@link DueWake}
 * wakes the worker at it); the worker holds it until `dueAt` ({@link HeldJobs}), so that taking many
 * jobs due at one instant costs nothing after it. A timer changed while held is not delivered: its
 * change is applied instead, as for one changed while delivered. `pollNow` promotes what the injected
 * clock says is due. Re-arming removes the job and adds it anew (BullMQ ignores an add for an existing
 * id). Retries use BullMQ attempts with exponential backoff; a final failure stays in the queue's
 * failed set.
 */
export class BullmqTimerScheduler implements TimerScheduler {
  readonly name = 'bullmq';
  private readonly queue: Queue<TimerJobData, void, 'timer'>;
  private readonly redis: Redis;
  private readonly pending: PendingChanges;
  private readonly wake: DueWake;
  private readonly settings: DeliverySettings;
  private readonly connection: RedisOptions;
  private readonly leadMs: number;
  private readonly held = new HeldJobs();
  /** What became of a held job, asked for every hold ending at one instant in one round trip. */
  private readonly heldState: (job: { id: string; token: string | undefined }) => Promise<HeldState>;
  private readonly locks = new Map<string, Promise<void>>();
  private readonly followUps = new Set<Promise<void>>();
  /** Timers whose delivery ended, for the next {@link takeEnded}. */
  private readonly ended = new Set<string>();
  private taking: Promise<void> | undefined;
  private readonly workers: Array<Worker<TimerJobData, void, 'timer'>> = [];
  /** Set when the worker started last is stopping: it holds no more jobs. */
  private run = { stopping: false };
  private closed = false;

  constructor(private readonly options: BullmqTimerSchedulerOptions) {
    this.settings = deliverySettings(options);
    this.connection = typeof options.connection === 'string' ? { url: options.connection } : options.connection;
    const queueName = options.queueName ?? 'ketnap-deadlines';
    const prefix = options.prefix ?? 'bull';
    this.queue = new Queue(queueName, { connection: this.connection, prefix });
    this.queue.on('error', (error) => this.settings.onError(error));
    const { url, ...rest } = this.connection;
    this.redis = url ? new Redis(url, rest) : new Redis(rest);
    this.redis.on('error', (error) => this.settings.onError(error));
    this.pending = new PendingChanges(this.redis, `${prefix}:${queueName}:ketnap:pending`);
    const { delayed, marker } = this.queue.keys;
    this.wake = new DueWake(this.redis, { delayed, marker }, (error) => this.settings.onError(error));
    this.leadMs = options.leadMs ?? BULLMQ_LEAD_MS;
    if (!(this.leadMs >= 0 && this.leadMs <= 10_000))
      throw new RangeError(`leadMs must be between 0 and 10000 (got ${this.leadMs})`);
    this.heldState = batched((jobs) => this.heldStates(jobs));
  }

  async arm(timer: TimerSpec): Promise<void> {
    const checked = checkTimer(timer);
    this.assertOpen();
    await this.serialised(checked.id, async () => {
      const [job, change] = await Promise.all([this.queue.getJob(checked.id), this.pending.peek(checked.id)]);
      const arming = { kind: 'arm', dueAtMs: checked.dueAtMs, payloadJson: checked.payloadJson } as const;
      if (!job && !change) {
        await this.add(checked.id, arming);
      } else if (change || job?.finishedOn !== undefined || !sameArming(job as TimerJob, checked)) {
        await this.apply(checked.id, arming);
      }
    });
  }

  async cancel(id: string): Promise<void> {
    assertTimerId(id);
    this.assertOpen();
    await this.serialised(id, () => this.apply(id, { kind: 'cancel' }));
  }

  async start(handler: TimerHandler): Promise<void> {
    this.assertOpen();
    if (this.workers.length > 0) throw new SchedulerStateError('the BullMQ timer scheduler is already started');
    const run = { stopping: false };
    const concurrency = this.options.concurrency ?? BULLMQ_CONCURRENCY;
    const slots = new Slots(concurrency);
    // A BullMQ worker takes one job a round trip: jobs are taken ahead by several, one connection each.
    const takers = this.leadMs > 0 ? BULLMQ_TAKERS : 1;
    const maxHeld = this.leadMs > 0 ? (this.options.maxHeld ?? BULLMQ_MAX_HELD) : 0;
    for (let i = 0; i < takers; i += 1) {
      const worker = new Worker<TimerJobData, void, 'timer'>(
        this.queue.name,
        (job, token) => this.process(handler, job, token, run, slots),
        {
          connection: this.connection,
          prefix: this.options.prefix ?? 'bull',
          concurrency: Math.ceil((concurrency + maxHeld) / takers),
          ...(this.options.lockMs && { lockDuration: this.options.lockMs, stalledInterval: this.options.lockMs }),
        },
      );
      worker.on('error', (error) => this.settings.onError(error));
      worker.on('completed', (job) => this.followUp(job.id));
      worker.on('failed', (job, error) => this.failed(job, error));
      this.workers.push(worker);
    }
    this.run = run;
    // The first takes jobs once ready; the others join it as they connect (an error reaches onError).
    for (const worker of this.workers.slice(1)) void worker.waitUntilReady().catch(() => undefined);
    await this.workers[0].waitUntilReady();
    this.wake.start();
  }

  async stop(): Promise<void> {
    const workers = this.workers.splice(0);
    this.wake.stop();
    this.run.stopping = true;
    this.held.stopping();
    await Promise.all(workers.map((worker) => worker.close()));
    await this.taking;
    await Promise.all(this.followUps);
  }

  async pollNow(): Promise<number> {
    this.assertOpen();
    if (this.workers.length === 0) throw new SchedulerStateError('pollNow needs a worker: call start(handler) first');
    const now = this.settings.clock().getTime();
    const released = this.held.dueBy(now);
    const due: TimerJob[] = [];
    for (let start = 0; ; start += PAGE) {
      const page = await this.queue.getDelayed(start, start + PAGE - 1);
      due.push(...page.filter((job) => job.attemptsMade === 0 && Date.parse(job.data.dueAt) <= now));
      if (page.length < PAGE) break;
    }
    for (let i = 0; i < due.length; i += PAGE) {
      await Promise.all(
        due.slice(i, i + PAGE).map((job) =>
          job.promote().catch(async (error: unknown) => {
            if ((await job.getState()) === 'delayed') throw error;
          }),
        ),
      );
    }
    await this.settled([...released, ...due.map((job) => job.id as string)]);
    return released.length + due.length;
  }

  async armed(): Promise<number> {
    this.assertOpen();
    return this.queue.getJobCountByTypes('delayed', 'waiting', 'active', 'prioritized', 'waiting-children');
  }

  async get(id: string): Promise<ArmedTimer | null> {
    assertTimerId(id);
    this.assertOpen();
    const [job, change] = await Promise.all([this.queue.getJob(id), this.pending.peek(id)]);
    if (change?.kind === 'cancel') return null;
    if (change?.kind === 'arm')
      return {
        id,
        dueAt: new Date(change.dueAtMs),
        payload: JSON.parse(change.payloadJson),
        state: 'armed',
        attempts: 0,
      };
    if (!job) return null;
    const state = job.finishedOn === undefined ? 'armed' : 'failed';
    return { id, dueAt: new Date(job.data.dueAt), payload: job.data.payload, state, attempts: attemptOf(job) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stop();
    await Promise.all(this.locks.values());
    await this.queue.close();
    await this.redis.quit();
  }

  private async process(
    handler: TimerHandler,
    job: TimerJob,
    token: string | undefined,
    run: { stopping: boolean },
    slots: Slots,
  ): Promise<void> {
    const dueAt = new Date(job.data?.dueAt);
    if (typeof job.data?.payload !== 'object' || Number.isNaN(dueAt.getTime())) {
      throw new UnrecoverableError(`job ${job.id} in ${this.queue.name} is not a ketnap timer`);
    }
    const id = job.id as string;
    // Never longer than the lead: with a manual clock that stands still, BullMQ's delay has done the rest.
    const waitMs = Math.min(this.leadMs, dueAt.getTime() - this.settings.clock().getTime());
    if (waitMs > 0) {
      const end = run.stopping ? 'stopping' : await this.held.hold(id, waitMs, dueAt.getTime());
      if (end === 'stopping') {
        await this.giveBack(job, token);
        throw new DelayedError();
      }
      const state = await this.heldState({ id, token }).catch((error: unknown) => {
        // Delivery is at least once: without an answer the timer fires, and a change left waits for its end.
        this.settings.onError(error);
        return 'ours' as const;
      });
      // Lost with Redis's data, or taken over after a stall: not this worker's to deliver or finish.
      if (state === 'lost') throw new DelayedError();
      // Changed while held: completing undelivered hands the change to followUp, which applies it.
      if (end === 'changed' || state === 'changed') return;
    }
    await slots.run(async () => {
      const timer: FiredTimer = {
        id,
        dueAt,
        payload: job.data.payload,
        firedAt: this.settings.clock(),
        attempt: attemptOf(job),
      };
      try {
        await handler(timer);
      } catch (error) {
        if (!(error instanceof UnrecoverableTimerError)) throw error;
        throw Object.assign(new UnrecoverableError(error.message), { cause: error });
      }
    });
    // BullMQ finishes the job once this returns (a Lua call and its CPU): after the deliveries due now have started.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * For held jobs whose hold ended, in one script: `lost` when the job is gone or its lock is no longer
   * the token this worker took it with, `changed` when `arm` or `cancel` (in this process or another)
   * left a change for it.
   */
  private async heldStates(jobs: Array<{ id: string; token: string | undefined }>): Promise<HeldState[]> {
    const keys = [this.pending.key, ...jobs.map((job) => this.queue.toKey(job.id))];
    const args = [...jobs.map((job) => job.id), ...jobs.map((job) => job.token ?? '')];
    return (await this.redis.eval(HELD_STATES, keys.length, ...keys, ...args)) as HeldState[];
  }

  /** Puts a held job back among the delayed ones, due now, for the next worker to take. */
  private async giveBack(job: TimerJob, token: string | undefined): Promise<void> {
    try {
      await Promise.all([
        job.updateData({ ...job.data, givenBack: (job.data.givenBack ?? 0) + 1 }),
        job.moveToDelayed(Date.now(), token),
      ]);
    } catch (error) {
      // Lost with Redis's data, or taken over after a stall: nothing to give back.
      if (!/^Missing (key|lock) for job/.test((error as Error).message)) this.settings.onError(error);
    }
  }

  private failed(job: TimerJob | undefined, error: Error): void {
    if (!job) return this.settings.onError(error);
    const dueAt = new Date(job.data?.dueAt);
    const timer: FiredTimer = {
      id: job.id as string,
      dueAt,
      payload: job.data?.payload ?? {},
      firedAt: this.settings.clock(),
      attempt: attemptOf(job),
    };
    this.settings.onFailure({ timer, error: error.cause ?? error, final: job.finishedOn !== undefined });
    this.followUp(job.id);
  }

  /**
   * Resolves once none of these jobs is waiting or active any more. It watches the last one (jobs run
   * roughly in the order they were promoted), then checks them all a page at a time.
   */
  private async settled(ids: string[]): Promise<void> {
    for (let left = ids; left.length > 0;) {
      if (UNSETTLED.has(await this.queue.getJobState(left[left.length - 1]))) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const unsettled: string[] = [];
      for (let i = 0; i < left.length; i += PAGE) {
        const page = left.slice(i, i + PAGE);
        const states = await Promise.all(page.map((id) => this.queue.getJobState(id)));
        unsettled.push(...page.filter((_, k) => UNSETTLED.has(states[k])));
      }
      left = unsettled;
    }
  }

  /**
   * After a delivery ended: applies the change left for it while it ran, if any. The changes of the
   * deliveries that end while one take is in flight are taken together in the next, one round trip for
   * many deliveries.
   */
  private followUp(id: string | undefined): void {
    if (id === undefined) return;
    this.ended.add(id);
    this.taking ??= this.takeEnded();
  }

  private async takeEnded(): Promise<void> {
    try {
      while (this.ended.size > 0) {
        const ids = [...this.ended].slice(0, PAGE);
        for (const id of ids) this.ended.delete(id);
        const changes = await this.pending.takeMany(ids).catch((error: unknown) => {
          this.settings.onError(error);
          return [];
        });
        changes.forEach((change, i) => {
          if (!change) return;
          const done = this.apply(ids[i], change).catch((error: unknown) => this.settings.onError(error));
          this.followUps.add(done);
          void done.finally(() => this.followUps.delete(done));
        });
      }
    } finally {
      // In the step that found nothing left: a delivery ending from now on starts the next take.
      this.taking = undefined;
    }
  }

  /**
   * Replaces whatever the queue holds for `id` with `change`. An active job cannot be removed: the change
   * is left in {@link PendingChanges} for the end of that delivery, unless the delivery ended meanwhile.
   */
  private async apply(id: string, change: PendingChange): Promise<void> {
    for (let next: PendingChange | null = change; next; next = await this.pending.take(id)) {
      if ((await this.queue.remove(id)) === 1) {
        await this.pending.drop(id);
        if (next.kind === 'arm') await this.add(id, next);
        return;
      }
      await this.pending.put(id, next);
      this.held.changed(id);
      if ((await this.queue.getJobState(id)) === 'active') return;
    }
  }

  private async add(id: string, arming: { dueAtMs: number; payloadJson: string }): Promise<void> {
    await this.queue.add('timer', jobData(arming), this.jobOptions(id, arming.dueAtMs));
    this.wake.expect(Date.now() + this.delayOf(arming.dueAtMs));
  }

  private jobOptions(id: string, dueAtMs: number): JobsOptions {
    return {
      jobId: id,
      delay: this.delayOf(dueAtMs),
      attempts: this.settings.maxAttempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      removeOnComplete: true,
      removeOnFail: false,
    };
  }

  /** BullMQ's delay for a timer due at `dueAtMs`: it hands the job over `leadMs` ahead. */
  private delayOf(dueAtMs: number): number {
    return Math.max(0, dueAtMs - this.leadMs - this.settings.clock().getTime());
  }

  /** Runs changes to one id one after the other within this process. */
  private async serialised(id: string, change: () => Promise<void>): Promise<void> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const current = previous.then(change, change);
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(id, settled);
    void settled.then(() => this.locks.get(id) === settled && this.locks.delete(id));
    return current;
  }

  private assertOpen(): void {
    if (this.closed) throw new SchedulerStateError('the BullMQ timer scheduler is closed');
  }
}

function jobData(change: { dueAtMs: number; payloadJson: string }): TimerJobData {
  return { dueAt: new Date(change.dueAtMs).toISOString(), payload: JSON.parse(change.payloadJson) };
}

/** Deliveries started for this arming: BullMQ's count, less the holds a stopping worker gave back. */
function attemptOf(job: TimerJob): number {
  return job.attemptsStarted - (job.data?.givenBack ?? 0);
}

function sameArming(job: TimerJob, timer: CheckedTimer): boolean {
  return Date.parse(job.data.dueAt) === timer.dueAtMs && canonicalJson(job.data.payload) === timer.payloadJson;
}
