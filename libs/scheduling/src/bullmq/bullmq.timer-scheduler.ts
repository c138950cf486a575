import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions, type RedisOptions } from 'bullmq';
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
}

interface TimerJobData {
  dueAt: string;
  payload: Record<string, unknown>;
}

type TimerJob = Job<TimerJobData, void, 'timer'>;

/**
 * A delivery mostly waits on Redis round trips (taking the job, finishing it), not on this process; with
 * more in flight they share socket reads and writes, and a burst of due timers costs less CPU per timer.
 */
export const BULLMQ_CONCURRENCY = 50;
const PAGE = 1000;
const UNSETTLED = new Set(['waiting', 'active', 'prioritized', 'waiting-children']);

/**
 * Timers as BullMQ delayed jobs on Redis; the job id is the timer id. The delay is `dueAt − clock()` at
 * arming, after which BullMQ fires by the machines' time (a {@link DueWake} wakes the worker at it);
 * `pollNow` promotes what the injected clock says is due. Re-arming removes the job and adds it anew
 * (BullMQ ignores an add for an existing id). Retries use BullMQ attempts with exponential backoff; a
 * final failure stays in the queue's failed set.
 */
export class BullmqTimerScheduler implements TimerScheduler {
  readonly name = 'bullmq';
  private readonly queue: Queue<TimerJobData, void, 'timer'>;
  private readonly redis: Redis;
  private readonly pending: PendingChanges;
  private readonly wake: DueWake;
  private readonly settings: DeliverySettings;
  private readonly connection: RedisOptions;
  private readonly locks = new Map<string, Promise<void>>();
  private readonly followUps = new Set<Promise<void>>();
  /** Timers whose delivery ended, for the next {@link takeEnded}. */
  private readonly ended = new Set<string>();
  private taking: Promise<void> | undefined;
  private worker: Worker<TimerJobData, void, 'timer'> | undefined;
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
    if (this.worker) throw new SchedulerStateError('the BullMQ timer scheduler is already started');
    const worker = new Worker<TimerJobData, void, 'timer'>(this.queue.name, (job) => this.process(handler, job), {
      connection: this.connection,
      prefix: this.options.prefix ?? 'bull',
      concurrency: this.options.concurrency ?? BULLMQ_CONCURRENCY,
    });
    worker.on('error', (error) => this.settings.onError(error));
    worker.on('completed', (job) => this.followUp(job.id));
    worker.on('failed', (job, error) => this.failed(job, error));
    this.worker = worker;
    await worker.waitUntilReady();
    this.wake.start();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.wake.stop();
    await worker?.close();
    await this.taking;
    await Promise.all(this.followUps);
  }

  async pollNow(): Promise<number> {
    this.assertOpen();
    if (!this.worker) throw new SchedulerStateError('pollNow needs a worker: call start(handler) first');
    const now = this.settings.clock().getTime();
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
    await this.settled(due.map((job) => job.id as string));
    return due.length;
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
    return { id, dueAt: new Date(job.data.dueAt), payload: job.data.payload, state, attempts: job.attemptsStarted };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stop();
    await Promise.all(this.locks.values());
    await this.queue.close();
    await this.redis.quit();
  }

  private async process(handler: TimerHandler, job: TimerJob): Promise<void> {
    const dueAt = new Date(job.data?.dueAt);
    if (typeof job.data?.payload !== 'object' || Number.isNaN(dueAt.getTime())) {
      throw new UnrecoverableError(`job ${job.id} in ${this.queue.name} is not a ketnap timer`);
    }
    const timer: FiredTimer = {
      id: job.id as string,
      dueAt,
      payload: job.data.payload,
      firedAt: this.settings.clock(),
      attempt: job.attemptsStarted,
    };
    try {
      await handler(timer);
    } catch (error) {
      if (!(error instanceof UnrecoverableTimerError)) throw error;
      throw Object.assign(new UnrecoverableError(error.message), { cause: error });
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
      attempt: job.attemptsStarted,
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
      if ((await this.queue.getJobState(id)) === 'active') return;
    }
  }

  private async add(id: string, arming: { dueAtMs: number; payloadJson: string }): Promise<void> {
    await this.queue.add('timer', jobData(arming), this.jobOptions(id, arming.dueAtMs));
    this.wake.expect(arming.dueAtMs);
  }

  private jobOptions(id: string, dueAtMs: number): JobsOptions {
    return {
      jobId: id,
      delay: Math.max(0, dueAtMs - this.settings.clock().getTime()),
      attempts: this.settings.maxAttempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      removeOnComplete: true,
      removeOnFail: false,
    };
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

function sameArming(job: TimerJob, timer: CheckedTimer): boolean {
  return Date.parse(job.data.dueAt) === timer.dueAtMs && canonicalJson(job.data.payload) === timer.payloadJson;
}
