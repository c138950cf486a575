import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@ketnap/domain';
import type { FiredTimer } from '@ketnap/scheduling';

/** The name of the sweep task that issues the quarterly quota reports. */
export const QUOTA_REPORTS_TASK = 'quota-reports';

/** What a sweep task did in one sweep. */
export interface SweepTaskOutcome {
  /** Records it made (e.g. quota reports issued). */
  done: number;
  /** Timers it holds armed after the sweep (counted beside the deadlines' when checking for lost ones). */
  timers: number;
}

/**
 * Work beside the deadlines driven by the same sweep and timers (DESIGN.md §5): each sweep runs it
 * with today's legal date, after the deadlines; its timers carry `payload.task` = its name and come
 * back to {@link SweepTask.fired}. Like the deadlines, a task must find what is due from the clock and
 * the log, never from a timer having fired, and must be idempotent.
 */
export interface SweepTask {
  readonly name: string;
  run(today: LocalDate): Promise<SweepTaskOutcome>;
  /** Records this process made since it started, by a sweep or a timer. */
  count(): number;
  fired(timer: FiredTimer): Promise<void>;
}

/** The sweep tasks registered by the modules beside the deadlines (the quarterly quota reports). */
@Injectable()
export class SweepTasks {
  private readonly tasks = new Map<string, SweepTask>();

  register(task: SweepTask): void {
    this.tasks.set(task.name, task);
  }

  /** Records the task of this name made since the process started (0 when none is registered). */
  countOf(name: string): number {
    return this.tasks.get(name)?.count() ?? 0;
  }

  all(): SweepTask[] {
    return [...this.tasks.values()];
  }

  /** The task a timer belongs to, or `undefined` for a deadline's timer. */
  of(timer: FiredTimer): SweepTask | undefined {
    const name = timer.payload.task;
    return typeof name === 'string' ? this.tasks.get(name) : undefined;
  }
}
