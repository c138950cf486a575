import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { SqlDatabase } from '@ketnap/event-store';
import { TIMER_SCHEDULER, UnrecoverableTimerError, type FiredTimer, type TimerScheduler } from '@ketnap/scheduling';
import { CLOCK, type Clock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { ConsumerRegistry } from '../consumers/consumer-registry';
import { DeadlineSaga } from './deadline-saga';
import { DeadlineSagaConsumer } from './deadline-saga.consumer';
import { DeadlineSweep, type RearmMode } from './deadline-sweep';
import { WORKER_SQL } from '../worker-state/worker-sql';
import { DEADLINES_DB } from './deadlines.tokens';
import { SweepTasks } from './sweep-tasks';

/**
 * Starts and stops the deadline machinery with the app: the timer consumer, the saga's log consumer,
 * a sweep at start (re-arming every timer) and one every `KETNAP_SWEEP_INTERVAL_SECONDS`. Nothing
 * starts while `KETNAP_WORKER=off`.
 */
@Injectable()
export class DeadlinesRuntime implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private interval: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(TIMER_SCHEDULER) private readonly scheduler: TimerScheduler,
    @Inject(DEADLINES_DB) private readonly db: Database.Database,
    @Inject(WORKER_SQL) private readonly sql: SqlDatabase,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly saga: DeadlineSaga,
    private readonly consumer: DeadlineSagaConsumer,
    private readonly sweep: DeadlineSweep,
    private readonly registry: ConsumerRegistry,
    private readonly tasks: SweepTasks,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker) return;
    await this.scheduler.start((timer) => this.fired(timer));
    this.consumer.start();
    this.registry.register(this.consumer);
    this.background('all');
    this.interval = setInterval(() => this.background('missing'), this.config.sweepIntervalMs);
    this.interval.unref();
  }

  /** Stops taking work, lets the work in hand finish (the store closes after this), releases timers. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.interval);
    if (this.config.worker) this.registry.unregister(this.consumer.name);
    await this.sweep.stop();
    await this.sweeping;
    await this.consumer.stop();
    await this.scheduler.close();
  }

  /** After every module has stopped its work (the consumers, the sweep, the quota issuer): the databases they write. */
  async onApplicationShutdown(): Promise<void> {
    if (this.db.open) this.db.close();
    await this.sql.close();
  }

  /**
   * A timer firing is a wake-up: the saga re-reads the dossier and acts only if it is still due. A
   * firing before its time by the engine's clock (Redis and this host disagree) is rejected, so the
   * scheduler tries again shortly rather than spending the wake-up.
   */
  private async fired(timer: FiredTimer): Promise<void> {
    const { dossierId } = timer.payload;
    const task = this.tasks.of(timer);
    if (typeof dossierId !== 'string' && !task) throw new UnrecoverableTimerError(`timer ${timer.id} names no dossier`);
    if (this.clock.now().getTime() < timer.dueAt.getTime())
      throw new Error(`timer ${timer.id} fired before ${timer.dueAt.toISOString()} by the engine's clock`);
    if (task) return task.fired(timer);
    await this.saga.reconcile(dossierId as string, 'timer');
  }

  private background(mode: RearmMode): void {
    this.sweeping = this.sweeping
      .then(() => this.sweep.run(mode))
      .then(
        (o) =>
          o.handled + o.reminders + o.rearmed + tasksDone(o.tasks) > 0 &&
          this.logger.log(
            `sweep: ${o.handled} due dossier(s), ${o.breached} breach(es), ${o.reminders} reminder(s), ${o.rearmed} timer(s) re-armed` +
              Object.entries(o.tasks)
                .map(([name, done]) => `, ${done} ${name}`)
                .join(''),
          ),
        (error: unknown) =>
          this.logger.error(`sweep failed: ${error instanceof Error ? error.message : String(error)}`),
      );
  }
}

const tasksDone = (tasks: Record<string, number>): number => Object.values(tasks).reduce((sum, n) => sum + n, 0);
