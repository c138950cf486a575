import { Inject, Injectable, Logger } from '@nestjs/common';
import { legalDateOf } from '@ketnap/domain';
import type { DeadlineKey, DeadlinesBoard } from '@ketnap/projections';
import { TIMER_SCHEDULER, type TimerScheduler } from '@ketnap/scheduling';
import { CLOCK, ManualClock, type Clock } from '../clock/clock';
import { DeadlineSaga } from './deadline-saga';
import { DEADLINES_BOARD, READ_MODELS_SYNC, type ReadModelsSync } from './deadlines.tokens';
import { ReminderService } from './reminder.service';
import { SagaTimers } from './saga-timers';
import { SweepTasks } from './sweep-tasks';

export interface SweepOutcome {
  /** Dossiers with a due obligation, handled like a firing. */
  handled: number;
  breached: number;
  withdrawn: number;
  reminders: number;
  /** Timers armed again from the board (all open obligations not yet due), or 0 when none was missing. */
  rearmed: number;
  /** What each sweep task (e.g. `quota-reports`) recorded. */
  tasks: Record<string, number>;
}

/** `all`: re-arm every open obligation's timer; `missing`: only when the scheduler holds fewer than the board has. */
export type RearmMode = 'all' | 'missing';

const PAGE = 1000;
const CONCURRENCY = 8;

/**
 * The sweep of DESIGN.md §5: correctness never depends on a timer having fired. From the deadlines
 * board it handles every escalating obligation past its due date (the same code path as a firing),
 * sends the reminders due (the latest reminder date reached of each obligation still open and not yet
 * due; one a clock jump or an outage made stale is skipped), and re-arms the timers of the rest, so lost timers (Redis lost its data,
 * the process was down) heal. Runs on start, on an interval and when the manual clock moves.
 */
@Injectable()
export class DeadlineSweep {
  private readonly logger = new Logger('DeadlineSweep');
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private stop$!: () => void;
  private readonly stopping = new Promise<void>((resolve) => (this.stop$ = resolve));

  constructor(
    private readonly saga: DeadlineSaga,
    private readonly timers: SagaTimers,
    private readonly reminders: ReminderService,
    @Inject(DEADLINES_BOARD) private readonly board: DeadlinesBoard,
    @Inject(READ_MODELS_SYNC) private readonly readModels: ReadModelsSync,
    @Inject(TIMER_SCHEDULER) private readonly scheduler: TimerScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tasks: SweepTasks,
  ) {}

  /** Runs a sweep after the one in progress, if any, and resolves when it is complete. */
  run(rearm: RearmMode): Promise<SweepOutcome> {
    const next = this.running.then(() => this.sweep(rearm));
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Ends the sweep in progress at its next step (the app is closing) and refuses new ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stop$();
    await this.running;
  }

  private async sweep(rearm: RearmMode): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { handled: 0, breached: 0, withdrawn: 0, reminders: 0, rearmed: 0, tasks: {} };
    await Promise.race([this.readModels.caughtUp(), this.stopping]);
    if (this.stopped) return outcome;
    if (this.clock instanceof ManualClock) await this.scheduler.pollNow();
    const today = legalDateOf(this.clock.now());
    const dossierIds = [...new Set((await this.board.dueForEscalation(today)).map((k) => k.dossierId))];
    await inPool(dossierIds, async (id) => {
      if (this.stopped) return;
      try {
        const done = await this.saga.reconcile(id, 'sweep');
        outcome.handled += 1;
        outcome.breached += done.breached;
        outcome.withdrawn += done.withdrawn;
      } catch (error) {
        this.logger.error(`dossier ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    outcome.reminders = await this.remind(today);
    const taskTimers = await this.runTasks(today, outcome);
    if (this.stopped) return outcome;
    if (rearm === 'all' || (await this.scheduler.armed()) < (await this.board.countOpenNotDue(today)) + taskTimers)
      outcome.rearmed = await this.rearm(today);
    return outcome;
  }

  /** Runs each sweep task; one that fails is tried again by the next sweep. Answers the timers they hold armed. */
  private async runTasks(today: string, outcome: SweepOutcome): Promise<number> {
    let timers = 0;
    for (const task of this.tasks.all()) {
      if (this.stopped) break;
      try {
        const done = await task.run(today);
        outcome.tasks[task.name] = done.done;
        timers += done.timers;
      } catch (error) {
        this.logger.error(`${task.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return timers;
  }

  /** Sends the reminders due; the first failed delivery ends this sweep's deliveries (a receiver that is down is not hammered). */
  private async remind(today: string): Promise<number> {
    let sent = 0;
    let failed = false;
    await inPool(await this.board.remindersDue(today), async (reminder) => {
      if (failed || this.stopped) return;
      try {
        if (await this.reminders.remind(reminder)) sent += 1;
      } catch (error) {
        failed = true;
        this.logger.warn(
          `reminders paused until the next sweep: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
    return sent;
  }

  private async rearm(today: string): Promise<number> {
    let armed = 0;
    for (
      let page = await this.board.openNotDue(today, PAGE);
      page.length > 0 && !this.stopped;
      page = await this.board.openNotDue(today, PAGE, page[page.length - 1])
    ) {
      await inPool(page, (key: DeadlineKey) => this.timers.arm(key));
      armed += page.length;
    }
    return armed;
  }
}

async function inPool<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
