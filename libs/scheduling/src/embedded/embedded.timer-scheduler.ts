import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ensurePrivateFile } from '@ketnap/event-store';
import { batched } from '../batched';
import { SchedulerStateError, UnrecoverableTimerError } from '../errors';
import type {
  ArmedTimer,
  FiredTimer,
  TimerDeliveryOptions,
  TimerHandler,
  TimerScheduler,
  TimerSpec,
} from '../timer-scheduler.port';
import {
  assertTimerId,
  checkTimer,
  deliverySettings,
  describe,
  retryDelay,
  type DeliverySettings,
} from '../timer-spec';
import { TimerTable, type ClaimedRow } from './timer-table';

export type EmbeddedTimerSchedulerOptions = TimerDeliveryOptions &
  ({ db: Database.Database; path?: never } | { path: string; db?: never }) & {
    /**
     * Longest wait between looks for due timers (default 1000 ms); the poller wakes earlier for the next due
     * time it knows of, and when a timer is armed due before it would look next. Other processes' armings
     * wait for it.
     */
    pollIntervalMs?: number;
    /** Most deliveries in flight at once in this process (default 50: a burst due at once is claimed 50 at a time). */
    concurrency?: number;
    /** How long a delivery holds its timer against other pollers; renewed while the handler runs (default 30 000 ms). */
    leaseMs?: number;
  };

/**
 * Timers in a table of the embedded SQLite database, polled. A timer being delivered is leased
 * (`locked_until`), so several processes on one file never deliver it twice while the lease holds; a
 * process that dies mid-delivery lets its lease lapse and the timer is delivered again.
 */
export class EmbeddedTimerScheduler implements TimerScheduler {
  readonly name = 'embedded';
  readonly db: Database.Database;
  private readonly table: TimerTable;
  private readonly ownsDb: boolean;
  private readonly settings: DeliverySettings;
  private readonly owner = randomUUID();
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Removes a delivered timer with the others delivered in the same turn of the event loop, in one
   * transaction: a burst due at once costs a write per turn, not one per timer.
   */
  private readonly removeDelivered = batched(async (rows: ClaimedRow[]) => {
    this.guard(() => this.table.doneAll(rows, this.owner));
    return rows.map(() => undefined);
  });
  private handler: TimerHandler | undefined;
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  /** When the sleeping poller looks next, by the scheduler's clock; `-Infinity` while it is not asleep. */
  private wakeAtMs = -Infinity;
  private closed = false;

  constructor(options: EmbeddedTimerSchedulerOptions) {
    this.settings = deliverySettings(options);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.concurrency = options.concurrency ?? 50;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.ownsDb = options.db === undefined;
    this.db = options.db ?? openDatabase(options.path as string);
    this.table = new TimerTable(this.db);
  }

  async arm(timer: TimerSpec): Promise<void> {
    const checked = checkTimer(timer);
    this.assertOpen();
    this.table.upsert(checked, Date.now());
    if (checked.dueAtMs < this.wakeAtMs) this.wake?.();
  }

  async cancel(id: string): Promise<void> {
    assertTimerId(id);
    this.assertOpen();
    this.table.remove(id);
  }

  async start(handler: TimerHandler): Promise<void> {
    this.assertOpen();
    if (this.loop) throw new SchedulerStateError('the embedded timer scheduler is already started');
    this.handler = handler;
    this.heartbeat = setInterval(
      () => this.guard(() => this.table.renew(this.owner, Date.now() + this.leaseMs)),
      this.leaseMs / 3,
    );
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.handler = undefined;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
    clearInterval(this.heartbeat);
    this.loop = undefined;
  }

  async pollNow(): Promise<number> {
    this.assertOpen();
    const handler = this.handler;
    if (!handler) throw new SchedulerStateError('pollNow needs a handler: call start(handler) first');
    let delivered = 0;
    for (let rows = this.claim(this.concurrency); rows.length > 0; rows = this.claim(this.concurrency)) {
      delivered += rows.length;
      await Promise.all(rows.map((row) => this.track(this.deliver(handler, row))));
    }
    await Promise.all(this.inFlight);
    return delivered;
  }

  async armed(): Promise<number> {
    this.assertOpen();
    return this.table.armed();
  }

  async get(id: string): Promise<ArmedTimer | null> {
    assertTimerId(id);
    this.assertOpen();
    return this.table.get(id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.stop();
    this.closed = true;
    if (this.ownsDb) this.db.close();
  }

  private async run(): Promise<void> {
    for (let handler = this.handler; handler; handler = this.handler) {
      let full = false;
      const room = this.concurrency - this.inFlight.size;
      if (room > 0) {
        const rows = this.guard(() => this.claim(room)) ?? [];
        // Deliveries never reject (their errors go to onError); they are awaited through inFlight.
        for (const row of rows) void this.track(this.deliver(handler, row));
        full = rows.length === room;
      }
      await (room <= 0 || full ? Promise.race(this.inFlight) : this.pause(this.untilNextDue()));
    }
  }

  /** Sleeps until the next timer is due, if that is sooner than the poll interval. */
  private untilNextDue(): number {
    const next = this.guard(() => this.table.nextDue(Date.now())) ?? null;
    if (next === null) return this.pollIntervalMs;
    return Math.min(this.pollIntervalMs, Math.max(1, next - this.settings.clock().getTime()));
  }

  private claim(limit: number): ClaimedRow[] {
    const machineNow = Date.now();
    return this.table.claim(this.settings.clock().getTime(), machineNow, machineNow + this.leaseMs, this.owner, limit);
  }

  /** Runs the handler, then removes the timer or records the rejection. Never rejects: errors are reported. */
  private async deliver(handler: TimerHandler, row: ClaimedRow): Promise<void> {
    let timer: FiredTimer;
    try {
      timer = {
        id: row.id,
        dueAt: new Date(row.due_at),
        payload: JSON.parse(row.payload),
        firedAt: this.settings.clock(),
        attempt: row.attempts,
      };
    } catch (error) {
      this.guard(() => this.table.rejected(row, this.owner, describe(error), { failedAt: Date.now() }));
      return this.settings.onError(error);
    }
    try {
      await handler(timer);
    } catch (error) {
      const final = error instanceof UnrecoverableTimerError || row.attempts >= this.settings.maxAttempts;
      const machineNow = Date.now();
      const outcome = final
        ? { failedAt: machineNow }
        : { retryAt: machineNow + retryDelay(this.settings.backoffMs, row.attempts) };
      const kept = this.guard(() => this.table.rejected(row, this.owner, describe(error), outcome));
      this.settings.onFailure({ timer, error, final: final && kept === true });
      return;
    }
    await this.removeDelivered(row);
  }

  private track(delivery: Promise<void>): Promise<void> {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  /** Runs a database step; an error goes to `onError` (the lease lapses and the timer comes back). */
  private guard<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      this.settings.onError(error);
      return undefined;
    }
  }

  private pause(ms: number): Promise<void> {
    this.wakeAtMs = this.settings.clock().getTime() + ms;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wakeAtMs = -Infinity;
        resolve();
      };
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new SchedulerStateError('the embedded timer scheduler is closed');
  }
}

function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') ensurePrivateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
