import type { Redis } from 'ioredis';

/** BullMQ scores a delayed job `dueAtMs · 0x1000 + counter`. */
const SCORE_PER_MS = 0x1000;
/** Longest single wait (`setTimeout` takes at most about 24 days): a longer one is waited in steps. */
const LONGEST_WAIT_MS = 3_600_000;

/**
 * Wakes a queue's workers when its next delayed job falls due. A BullMQ worker waits for it in a
 * BZPOPMIN on the queue's marker, and Redis ends that wait only on its own clock tick (`hz`, 10 a
 * second by default): left alone, a delayed job starts up to 100 ms after its time. At the due time of
 * the earliest delayed job this adds the marker BullMQ adds for a waiting job; the worker wakes and
 * promotes what is due by then, never anything later, and this looks up the next due time.
 */
export class DueWake {
  private timer: NodeJS.Timeout | undefined;
  private wakeAtMs = Infinity;
  private running = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: { delayed: string; marker: string },
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.running = true;
    void this.next();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.wakeAtMs = Infinity;
  }

  /** A job was added that falls due at `dueAtMs`. */
  expect(dueAtMs: number): void {
    if (!this.running || dueAtMs >= this.wakeAtMs) return;
    clearTimeout(this.timer);
    this.wakeAtMs = dueAtMs;
    this.timer = setTimeout(() => void this.wake(), Math.min(LONGEST_WAIT_MS, Math.max(0, dueAtMs - Date.now())));
  }

  private async wake(): Promise<void> {
    const dueAtMs = this.wakeAtMs;
    // Not yet: a step of a long wait, or a timer firing a millisecond early by the wall clock (which BullMQ goes by).
    if (Date.now() < dueAtMs) {
      this.wakeAtMs = Infinity;
      return this.expect(dueAtMs);
    }
    this.wakeAtMs = Infinity;
    try {
      await this.redis.zadd(this.keys.marker, 0, '0');
    } catch (error) {
      this.onError(error);
    }
    await this.next();
  }

  /** Expects the earliest delayed job not due yet (those due are the worker's to promote). */
  private async next(): Promise<void> {
    if (!this.running) return;
    try {
      const after = (Date.now() + 1) * SCORE_PER_MS;
      const [, score] = await this.redis.zrangebyscore(this.keys.delayed, after, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
      if (score !== undefined) this.expect(Math.floor(Number(score) / SCORE_PER_MS));
    } catch (error) {
      this.onError(error);
    }
  }
}
