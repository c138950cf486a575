import { Inject, Injectable } from '@nestjs/common';
import type { ObligationCode, LocalDate } from '@ketnap/domain';
import { TIMER_SCHEDULER, type TimerScheduler } from '@ketnap/scheduling';
import { lateFrom, timerIdOf } from './saga-ids';
import { SagaStore } from './saga-store';

/** An obligation that needs a wake-up: still open, not yet due. */
export interface TimerTarget {
  dossierId: string;
  obligation: ObligationCode;
  dueOn: LocalDate;
}

/**
 * The saga's timers: one per open obligation, armed for the first instant it is late (DESIGN.md §5).
 * Remembers what it armed per obligation, so a moved due date cancels the old timer and a met
 * obligation cancels its own. Timers are only wake-ups: losing one loses nothing (the sweep re-arms).
 */
@Injectable()
export class SagaTimers {
  constructor(
    @Inject(TIMER_SCHEDULER) private readonly timers: TimerScheduler,
    private readonly store: SagaStore,
  ) {}

  /** Makes the dossier's armed timers exactly those of `open`; arms only what changed. */
  async sync(dossierId: string, open: readonly TimerTarget[]): Promise<void> {
    const armed = await this.store.timersOf(dossierId);
    const wanted = new Map(open.map((t) => [t.obligation as string, t]));
    for (const [obligation, timerId] of armed) {
      const target = wanted.get(obligation);
      if (target && timerIdOf(dossierId, target.obligation, target.dueOn) === timerId) continue;
      await this.timers.cancel(timerId);
      await this.store.setTimer(dossierId, obligation, undefined);
    }
    for (const target of open) {
      if (armed.get(target.obligation) !== timerIdOf(dossierId, target.obligation, target.dueOn))
        await this.arm(target);
    }
  }

  /** Arms (or re-arms, unchanged: a no-op for the scheduler) one obligation's timer. */
  async arm(target: TimerTarget): Promise<void> {
    const id = timerIdOf(target.dossierId, target.obligation, target.dueOn);
    await this.timers.arm({
      id,
      dueAt: lateFrom(target.dueOn),
      payload: { dossierId: target.dossierId, obligation: target.obligation, dueOn: target.dueOn },
    });
    await this.store.setTimer(target.dossierId, target.obligation, id);
  }
}
