import type { FiredTimer, TimerFailure, TimerHandler } from '../timer-scheduler.port';

/** Resolves once `condition` holds, checking every 10 ms; rejects with `what` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 4000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock the tests move by hand, like the engine's manual clock. */
export class ManualTestClock {
  constructor(private instant = new Date('2024-06-04T01:00:00.000Z')) {}
  now = (): Date => new Date(this.instant);
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

/** What a handler saw: every delivery, with the machine time at which it started. */
export class Deliveries {
  readonly seen: Array<FiredTimer & { at: number }> = [];
  readonly failures: TimerFailure[] = [];

  /** A handler that records each delivery, then runs `behaviour` (which may throw). */
  handler(behaviour: (timer: FiredTimer) => Promise<void> | void = () => undefined): TimerHandler {
    return async (timer) => {
      this.seen.push({ ...timer, at: Date.now() });
      await behaviour(timer);
    };
  }

  of(id: string): Array<FiredTimer & { at: number }> {
    return this.seen.filter((d) => d.id === id);
  }

  count(id: string): number {
    return this.of(id).length;
  }
}
