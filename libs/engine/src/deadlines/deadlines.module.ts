import { Module } from '@nestjs/common';
import { NOTIFICATION_SENDER, TIMER_SCHEDULER } from '@ketnap/scheduling';
import { InspectionModule } from '../inspection/inspection.module';
import { BreachEscalation } from './breach-escalation';
import { CLOCK_JUMP, ClockJumpService } from './clock-jump.service';
import { DeadlineSaga } from './deadline-saga';
import { DeadlineSagaConsumer } from './deadline-saga.consumer';
import { DeadlineSweep } from './deadline-sweep';
import { deadlinesProviders } from './deadlines.providers';
import { DeadlinesRuntime } from './deadlines.runtime';
import { ReminderService } from './reminder.service';
import { SagaTimers } from './saga-timers';
import { SweepTasks } from './sweep-tasks';
import { DEADLINES_DB } from './deadlines.tokens';
import { WORKER_SQL } from '../worker-state/worker-sql';

/**
 * The deadline saga and its timers (DESIGN.md §5), for the worker: BullMQ when `REDIS_URL` is set,
 * else the embedded scheduler on `<data dir>/timers.db`; the saga's checkpoint, its lease and the
 * delivered ids in the worker's state database (`WORKER_SQL`, shared on PostgreSQL); reminders
 * through the webhook or the log; the sweep; the manual clock's jump. Needs the read-model bindings
 * (`DEADLINES_BOARD`, `INSPECTION_CASES_BOARD`, `READ_MODELS_SYNC`).
 */
@Module({
  imports: [InspectionModule],
  providers: [
    ...deadlinesProviders,
    BreachEscalation,
    SagaTimers,
    SweepTasks,
    ReminderService,
    DeadlineSaga,
    DeadlineSagaConsumer,
    DeadlineSweep,
    ClockJumpService,
    { provide: CLOCK_JUMP, useExisting: ClockJumpService },
    DeadlinesRuntime,
  ],
  exports: [
    InspectionModule,
    ClockJumpService,
    CLOCK_JUMP,
    DeadlineSaga,
    DeadlineSweep,
    DeadlineSagaConsumer,
    TIMER_SCHEDULER,
    NOTIFICATION_SENDER,
    SweepTasks,
    DEADLINES_DB,
    WORKER_SQL,
  ],
})
export class DeadlinesModule {}
