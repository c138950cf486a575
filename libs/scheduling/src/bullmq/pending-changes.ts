import type { Redis } from 'ioredis';

/** A change to a timer that could not be made yet, because its job is being delivered. */
export type PendingChange = { kind: 'arm'; dueAtMs: number; payloadJson: string } | { kind: 'cancel' };

/**
 * Changes waiting for a delivery to end, in one Redis hash per queue (field: timer id). BullMQ cannot
 * remove or replace an active job, so `arm` and `cancel` leave their change here and whoever sees the
 * delivery end (the worker, or the arming process when it ended meanwhile) takes it, exactly once, and
 * applies it.
 */
export class PendingChanges {
  constructor(
    private readonly redis: Redis,
    /** `<prefix>:<queue>:ketnap:pending`: under the queue's prefix, with a suffix BullMQ does not give job keys. */
    readonly key: string,
  ) {}

  async put(id: string, change: PendingChange): Promise<void> {
    await this.redis.hset(this.key, id, JSON.stringify(change));
  }

  async peek(id: string): Promise<PendingChange | null> {
    const text = await this.redis.hget(this.key, id);
    return text === null ? null : (JSON.parse(text) as PendingChange);
  }

  /** Removes and returns the change for `id`, atomically: of several takers, one gets it. */
  async take(id: string): Promise<PendingChange | null> {
    const [change] = await this.takeMany([id]);
    return change;
  }

  /** {@link take} for several distinct ids in one round trip: the changes in the order of `ids`. */
  async takeMany(ids: readonly string[]): Promise<Array<PendingChange | null>> {
    const replies = await this.redis
      .multi()
      .hmget(this.key, ...ids)
      .hdel(this.key, ...ids)
      .exec();
    if (replies === null)
      throw new Error(`Redis aborted the transaction taking the pending changes of ${ids.length} timers`);
    const [error, texts] = replies[0];
    if (error) throw error;
    return (texts as Array<string | null>).map((text) => (text === null ? null : (JSON.parse(text) as PendingChange)));
  }

  async drop(id: string): Promise<void> {
    await this.redis.hdel(this.key, id);
  }
}
