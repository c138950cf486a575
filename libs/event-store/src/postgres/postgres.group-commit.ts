import type pg from 'pg';
import { appendSealed, appendSealedGroup, type AppendOutcome, type SealedAppend } from './postgres.append';

/** At most this many appends, and about this many events, go in one group. */
const MAX_GROUP_APPENDS = 64;
const MAX_GROUP_EVENTS = 2_000;

interface Waiting {
  append: SealedAppend;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one store's appends. While fewer than `concurrency` calls are running, an append is
 * sent alone at once: a lone writer waits for nothing. Beyond that, appends wait, and the next call to
 * start (once the writers the last one answered have had their turn to append again) takes every
 * waiting one (up to a group's bounds) in one call and one transaction: one commit,
 * one round trip and one flush of the write-ahead log for all of them, which is what concurrent writers
 * otherwise queue for. Each append keeps its own outcome; a group the database refuses as a whole (an
 * error, not a conflict) is sent again one append at a time, so that each gets its own error.
 */
export class GroupCommitter {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    private readonly concurrency: number,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(`append concurrency must be a positive integer (got ${concurrency})`);
    }
  }

  append(append: SealedAppend): Promise<AppendOutcome> {
    if (this.running < this.concurrency) return this.run(() => this.alone(append), false);
    return new Promise((resolve, reject) => this.waiting.push({ append, resolve, reject }));
  }

  private async run<T>(call: () => Promise<T>, group: boolean): Promise<T> {
    this.running += 1;
    try {
      return await call();
    } finally {
      if (this.waiting.length === 0 && !group) {
        this.running -= 1;
      } else {
        // The writers this call answered usually append again at once: the next group waits for them,
        // one call for all instead of one now and one more for them. After a group, even when none
        // waits yet: its writers would otherwise take the free call one by one, each alone.
        setImmediate(() => {
          this.running -= 1;
          this.startWaiting();
        });
      }
    }
  }

  private startWaiting(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const group = this.takeGroup();
      void this.run(() => this.together(group), true);
    }
  }

  private takeGroup(): Waiting[] {
    let events = 0;
    let count = 0;
    while (count < this.waiting.length && count < MAX_GROUP_APPENDS) {
      events += this.waiting[count].append.sealed.length;
      if (count > 0 && events > MAX_GROUP_EVENTS) break;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private alone(append: SealedAppend): Promise<AppendOutcome> {
    return appendSealed(this.pool, this.schema, append.headVersion, append.sealed, append.commandId, append.recordedAt);
  }

  private async together(group: Waiting[]): Promise<void> {
    if (group.length > 1) {
      let outcomes: AppendOutcome[] | undefined;
      try {
        outcomes = await appendSealedGroup(
          this.pool,
          this.schema,
          group.map((w) => w.append),
        );
      } catch {
        outcomes = undefined; // one at a time below: each append meets its own error, or none
      }
      if (outcomes) {
        group.forEach((w, i) => w.resolve(outcomes[i]));
        return;
      }
    }
    for (const w of group) {
      try {
        w.resolve(await this.alone(w.append));
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
