import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { dossierIdOfStream } from '@ketnap/domain';
import {
  EVENT_STORE,
  LOG_START,
  lowestPositionAfter,
  type EventStore,
  type LogCheckpoint,
  type LogPage,
  type SqlDatabase,
} from '@ketnap/event-store';
import type { LogConsumer } from '../consumers/consumer-registry';
import { Lease, type LeaseOptions } from '../worker-state/lease';
import { WORKER_SQL } from '../worker-state/worker-sql';
import { DeadlineSaga } from './deadline-saga';
import { SagaStore } from './saga-store';

const NAME = 'deadline-saga';
/** Dossiers reconciled at once within a page. */
const CONCURRENCY = 4;

/** Optional token: the saga lease's owner and timing (tests shorten the hand-over). */
export const SAGA_LEASE = Symbol('SAGA_LEASE');
export type SagaLeaseOptions = Omit<LeaseOptions, 'name'>;

/** A page's checkpoint was refused: another worker holds the saga's lease now. */
class LeaseLostError extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The saga as a checkpointed consumer of the global log (DESIGN.md §4): for each page, every dossier
 * that has a new event is reconciled, then the checkpoint is stored in the worker's state database. A
 * crash before the checkpoint replays the page: the saga's effects are idempotent.
 *
 * One worker at a time handles the log (DESIGN.md §8): the one holding the `deadline-saga`
 * {@link Lease}, renewed every `renewEveryMs`. Each checkpoint is stored only after the fencing check
 * in its transaction; a refused one (another worker took the lease, this one having stalled past
 * `ttlMs`) ends the handling here, and the worker goes back to waiting for the lease. A worker
 * without the lease reports the holder's position, read from the shared checkpoint. With the default
 * timing a dead holder is replaced within 12 s (`ttlMs` 10 s + `renewEveryMs` 2 s).
 */
@Injectable()
export class DeadlineSagaConsumer implements LogConsumer {
  readonly name = NAME;
  private readonly logger = new Logger('DeadlineSaga');
  private lease: Lease | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private releasing = true;
  /** Ends the pause or the handling in progress (stop, or the lease lost). */
  private wake: (() => void) | undefined;
  private lastPosition = 0;
  /** The checkpoint after the last page handled (by this worker, or by the holder it follows). */
  private checkpoint: LogCheckpoint = LOG_START;
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private settling = false;
  private unsettled = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly saga: DeadlineSaga,
    private readonly sagaStore: SagaStore,
    @Inject(WORKER_SQL) private readonly sql: SqlDatabase,
    @Optional() @Inject(SAGA_LEASE) private readonly leaseOptions: SagaLeaseOptions = {},
  ) {}

  /** The last position handled: this worker's while it holds the lease, else the holder's. */
  position(): number {
    return this.lastPosition;
  }

  /** Starts: handles the log while holding the lease, otherwise waits for it. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.releasing = true;
    this.running = this.run();
  }

  /**
   * Stops handling, lets the page in hand finish and gives the lease up. `release: false` leaves it
   * to expire, as a worker that dies does (tests).
   */
  async stop({ release = true }: { release?: boolean } = {}): Promise<void> {
    this.stopping = true;
    this.releasing = release;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /**
   * Resolves once every event up to `position` (default: the head now) is handled: no event at or
   * below it is left after the checkpoint (on PostgreSQL a lower position may come after a higher one
   * in log order, so the highest position handled says nothing of the lower ones).
   */
  async caughtUp(position?: number): Promise<void> {
    const target = position ?? (await this.store.headPosition());
    const done = new Promise<void>((resolve) => this.waiters.push({ position: target, resolve }));
    void this.settle();
    await done;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const lease = (this.lease ??= await Lease.open(this.sql, { name: NAME, ...this.leaseOptions }));
        if (await lease.take()) await this.lead(lease);
        else await this.follow();
      } catch (error) {
        this.logger.error(`the saga's lease or checkpoint could not be read, trying again: ${messageOf(error)}`);
      }
      await this.pause(this.lease?.renewEveryMs ?? this.leaseOptions.renewEveryMs ?? 2000);
    }
    if (this.releasing)
      await this.lease
        ?.release()
        .catch((error: unknown) => this.logger.warn(`lease not released: ${messageOf(error)}`));
  }

  /** Holds the lease: handles the log from the shared checkpoint until stopped or the lease is lost. */
  private async lead(lease: Lease): Promise<void> {
    const from = await this.sagaStore.checkpoint(NAME);
    this.advance(from);
    const ended = new Promise<void>((resolve) => (this.wake = resolve));
    if (this.stopping) return;
    this.logger.log(`this worker handles the log from position ${from.position} (lease token ${lease.heldToken})`);
    const subscription = this.store.subscribe({
      after: from.checkpoint,
      batchSize: 200,
      pollIntervalMs: 100,
      handler: (page) => this.handle(page, lease),
      onError: (error, attempt) =>
        error instanceof LeaseLostError
          ? this.logger.warn(error.message)
          : this.logger.error(`page failed (attempt ${attempt}), retrying: ${messageOf(error)}`),
    });
    const renewal = setInterval(() => void this.renew(lease), lease.renewEveryMs);
    try {
      await ended;
    } finally {
      clearInterval(renewal);
      await subscription.stop();
    }
  }

  /** Without the lease: the holder's position, from the checkpoint it stores. */
  private async follow(): Promise<void> {
    this.advance(await this.sagaStore.checkpoint(NAME));
  }

  private async renew(lease: Lease): Promise<void> {
    try {
      if (await lease.renew()) return;
      this.logger.warn("another worker took the deadline saga's lease; this one stops handling the log");
    } catch (error) {
      if (lease.holds())
        return void this.logger.warn(`the saga's lease was not renewed, retrying: ${messageOf(error)}`);
      this.logger.error(`the saga's lease expired unrenewed (${messageOf(error)}); handling stops until it is retaken`);
    }
    this.wake?.();
  }

  private async handle(page: LogPage, lease: Lease): Promise<void> {
    const dossierIds = [...new Set(page.events.flatMap((e) => dossierIdOfStream(e.streamId) ?? []))];
    for (let next = 0; next < dossierIds.length; next += CONCURRENCY) {
      await Promise.all(dossierIds.slice(next, next + CONCURRENCY).map((id) => this.saga.reconcile(id, 'log')));
    }
    const position = page.events[page.events.length - 1].globalPosition;
    if (!(await this.sagaStore.saveCheckpoint(NAME, { checkpoint: page.checkpoint, position }, lease))) {
      this.wake?.();
      throw new LeaseLostError(
        `another worker took the deadline saga's lease; its checkpoint at ${position} was refused and the log is left to it`,
      );
    }
    this.advance({ checkpoint: page.checkpoint, position });
  }

  private advance(to: { checkpoint: LogCheckpoint; position: number }): void {
    this.lastPosition = Math.max(this.lastPosition, to.position);
    this.checkpoint = to.checkpoint;
    void this.settle();
  }

  /**
   * Resolves the waiters every event at or below whose position is handled. One look at the log at a
   * time; a page handled meanwhile makes it look again, so no waiter is left behind an idle log.
   */
  private async settle(): Promise<void> {
    if (this.settling) return void (this.unsettled = true);
    this.settling = true;
    try {
      do {
        this.unsettled = false;
        if (this.waiters.length === 0) return;
        const bound = Math.min(...this.waiters.map((w) => w.position));
        if (bound > this.lastPosition) return;
        const lowest = await lowestPositionAfter(this.store, this.checkpoint, bound, 200);
        const ready = this.waiters.filter((w) => w.position < lowest);
        this.waiters = this.waiters.filter((w) => w.position >= lowest);
        for (const w of ready) w.resolve();
      } while (this.unsettled);
    } catch (error) {
      this.logger.warn(
        `could not tell whether the saga has caught up, asking again after the next page: ${messageOf(error)}`,
      );
    } finally {
      this.settling = false;
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
