/** How a hold ended: its instant came, the timer was changed meanwhile, or the worker is stopping. */
export type HoldEnd = 'due' | 'changed' | 'stopping';

interface Hold {
  dueAtMs: number;
  end: (how: HoldEnd) => void;
}

/**
 * Jobs this process took from BullMQ ahead of their due time, each waiting here for its instant. The
 * job stays active and locked in Redis meanwhile: another process cannot take it, and if this one dies
 * BullMQ's stall check hands it to another worker. Holds ending at the same millisecond share one
 * timer, so that a burst due at one instant ends in one turn of the event loop.
 */
export class HeldJobs {
  private readonly holds = new Map<string, Hold>();
  private readonly instants = new Map<number, { timer: NodeJS.Timeout; holds: Set<Hold> }>();

  /** Waits `waitMs` for the timer `id` due at `dueAtMs` (on the scheduler's clock), or until ended sooner. */
  hold(id: string, waitMs: number, dueAtMs: number): Promise<HoldEnd> {
    const atMs = Date.now() + Math.ceil(waitMs);
    let instant = this.instants.get(atMs);
    if (!instant) {
      const holds = new Set<Hold>();
      const timer = setTimeout(() => [...holds].forEach((hold) => hold.end('due')), atMs - Date.now());
      instant = { timer, holds };
      this.instants.set(atMs, instant);
    }
    const { holds, timer } = instant;
    return new Promise((resolve) => {
      const hold: Hold = {
        dueAtMs,
        end: (how) => {
          holds.delete(hold);
          if (holds.size === 0 && this.instants.get(atMs)?.timer === timer) {
            clearTimeout(timer);
            this.instants.delete(atMs);
          }
          if (this.holds.get(id) === hold) this.holds.delete(id);
          resolve(how);
        },
      };
      holds.add(hold);
      this.holds.set(id, hold);
    });
  }

  /** Ends the hold of `id` as changed, if this process holds it. */
  changed(id: string): void {
    this.holds.get(id)?.end('changed');
  }

  /** Ends as due every hold due by `nowMs` (the scheduler's clock): their ids. */
  dueBy(nowMs: number): string[] {
    const due = [...this.holds].filter(([, hold]) => hold.dueAtMs <= nowMs);
    for (const [, hold] of due) hold.end('due');
    return due.map(([id]) => id);
  }

  /** Ends every hold: the worker is stopping and gives the jobs back. */
  stopping(): void {
    for (const hold of [...this.holds.values()]) hold.end('stopping');
  }

  get size(): number {
    return this.holds.size;
  }
}

/** Runs at most `limit` tasks at once; the others wait their turn, first come first served. */
export class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
