import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { CLOCK, ManualClock, type Clock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { RequestError } from '../commands/refusals';
import { KeyedLock } from './keyed-lock';
import { DeadlineSaga } from './deadline-saga';
import { DeadlineSagaConsumer } from './deadline-saga.consumer';
import { DeadlineSweep } from './deadline-sweep';
import { READ_MODELS_SYNC, type ReadModelsSync } from './deadlines.tokens';
import { ReminderService } from './reminder.service';
import { QUOTA_REPORTS_TASK, SweepTasks } from './sweep-tasks';

/** Symbol token of what moves the manual clock: this process's {@link ClockJumpService}, or a link to the worker's thread. */
export const CLOCK_JUMP = Symbol('CLOCK_JUMP');

/** Moves the manual clock and runs the deadline sweep to completion (`POST /system/clock`). */
export interface ClockJumpPort {
  /** True when the clock is the manual one (`KETNAP_CLOCK=manual`). */
  readonly enabled: boolean;
  set(now: Date): Promise<ClockJump>;
}

export interface ClockJump {
  now: string;
  /** Breaches recorded while the clock moved and the sweep ran. */
  breached: number;
  reminders: number;
  /** Quarterly quota reports issued by the sweep (API.md "Committees and reports across levels"). */
  issued: number;
}

/**
 * `POST /api/v1/system/clock` (API.md "System"): moves the manual clock forward, runs the deadline
 * sweep to completion and answers once every consequence (breaches, cases, withdrawn breaches, read
 * models) is visible to the next request.
 */
@Injectable()
export class ClockJumpService implements ClockJumpPort {
  private readonly lock = new KeyedLock();

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODELS_SYNC) private readonly readModels: ReadModelsSync,
    private readonly saga: DeadlineSaga,
    private readonly consumer: DeadlineSagaConsumer,
    private readonly sweep: DeadlineSweep,
    private readonly reminders: ReminderService,
    private readonly tasks: SweepTasks,
  ) {}

  /** True when the clock is the manual one (`KETNAP_CLOCK=manual`); the route does not exist otherwise. */
  get enabled(): boolean {
    return this.clock instanceof ManualClock;
  }

  /** @throws RequestError 422 `CLOCK_BACKWARDS` when `now` is before the clock's time. */
  set(now: Date): Promise<ClockJump> {
    return this.lock.run('clock', async () => {
      const clock = this.clock;
      if (!(clock instanceof ManualClock)) throw new RequestError('not-found', 'NOT_FOUND.manual-clock');
      if (!this.config.worker) throw new RequestError('conflict', 'WORKER_OFF');
      const before = {
        breached: this.saga.breachCount(),
        reminders: this.reminders.sentCount(),
        issued: this.tasks.countOf(QUOTA_REPORTS_TASK),
      };
      try {
        clock.set(now);
      } catch (error) {
        if (error instanceof RangeError) {
          const times = { now: clock.now().toISOString(), asked: now.toISOString() };
          throw new RequestError('unprocessable', 'CLOCK_BACKWARDS', times);
        }
        throw error;
      }
      await this.settle();
      await this.sweep.run('missing');
      await this.settle();
      const breached = this.saga.breachCount() - before.breached;
      return {
        now: clock.now().toISOString(),
        breached,
        reminders: this.reminders.sentCount() - before.reminders,
        issued: this.tasks.countOf(QUOTA_REPORTS_TASK) - before.issued,
      };
    });
  }

  /** Waits until the saga and every read model have handled the whole log, and nothing new arrived meanwhile. */
  private async settle(): Promise<void> {
    for (let head = await this.store.headPosition(); ;) {
      await this.consumer.caughtUp(head);
      await this.readModels.caughtUp(head);
      const now = await this.store.headPosition();
      if (now === head) return;
      head = now;
    }
  }
}
