import type { EventStore, LogCheckpoint, Subscription, SubscriptionOptions } from './event-store.port';
import { LOG_START } from './event-store.port';

/**
 * A subscription that polls `readAll`. A failing handler is retried with capped exponential backoff
 * and never ends the subscription: one bad page must not stop a projection or the deadline saga.
 */
export class PollingSubscription implements Subscription {
  private current: LogCheckpoint;
  private stopped = false;
  private readonly loop: Promise<void>;
  private reachedHead!: () => void;
  private readonly headReached = new Promise<void>((resolve) => (this.reachedHead = resolve));
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly options: SubscriptionOptions,
  ) {
    this.current = options.after ?? LOG_START;
    this.loop = this.run();
  }

  get checkpoint(): LogCheckpoint {
    return this.current;
  }

  caughtUp(): Promise<void> {
    return this.headReached;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const limit = this.options.batchSize ?? 500;
    const interval = this.options.pollIntervalMs ?? 200;
    let attempt = 0;
    while (!this.stopped) {
      try {
        const page = await this.store.readAll({ after: this.current, limit });
        if (page.events.length > 0) await this.options.handler(page);
        this.current = page.checkpoint;
        attempt = 0;
        // An empty page that is not the end: committed events wait behind a transaction still running
        // (PostgreSQL). Not caught up yet, but nothing to read until it ends.
        if (page.isEnd) this.reachedHead();
        if (page.isEnd || page.events.length === 0) await this.pause(interval);
      } catch (error) {
        attempt += 1;
        this.options.onError?.(error, attempt);
        await this.pause(Math.min(interval * 2 ** attempt, 30_000));
      }
    }
    this.reachedHead();
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
