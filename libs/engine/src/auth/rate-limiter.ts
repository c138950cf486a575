export interface RateLimit {
  /** Hits a key may make within the window before it is refused. */
  maxHits: number;
  windowMs: number;
}

/**
 * Counts hits per key (a client address, an actor) in memory over a sliding window. Once a key reaches
 * the limit, its further hits are refused with the seconds to wait until the oldest leaves the window.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one hit; returns the seconds to wait when the key is over the limit (the hit is not counted), else `undefined`. */
  hit(key: string): number | undefined {
    const now = this.now();
    const recent = this.recent(key, now);
    const limited = recent.length >= this.limit.maxHits;
    if (!limited) recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return limited ? Math.max(1, Math.ceil((recent[0] + this.limit.windowMs - now) / 1000)) : undefined;
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
  }

  private prune(now: number): void {
    for (const key of [...this.hits.keys()]) {
      if (this.recent(key, now).length === 0) this.hits.delete(key);
    }
  }
}

export const DEFAULT_AUTH_FAILURE_LIMIT: RateLimit = { maxHits: 20, windowMs: 60_000 };

/** Failed authentications (a token that does not verify) per client address: 429 past the limit; valid tokens are never refused. */
export class AuthFailureLimiter extends RateLimiter {
  constructor(limit: RateLimit = DEFAULT_AUTH_FAILURE_LIMIT, now?: () => number) {
    super(limit, now);
  }
}

/** Expensive reads per actor (API.md "Access": audit verification, quota reports folded from the log). */
export class ExpensiveReadLimiter extends RateLimiter {}
