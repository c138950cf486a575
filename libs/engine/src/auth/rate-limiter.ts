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
    const wait = this.waitFor(recent, now);
    if (wait === undefined) recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return wait;
  }

  /** The seconds to wait when the key is over the limit now, else `undefined`; records nothing. */
  waitOf(key: string): number | undefined {
    const now = this.now();
    return this.waitFor(this.recent(key, now), now);
  }

  private waitFor(recent: number[], now: number): number | undefined {
    return recent.length >= this.limit.maxHits
      ? Math.max(1, Math.ceil((recent[0] + this.limit.windowMs - now) / 1000))
      : undefined;
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

/**
 * Failed logins, per username (a password being guessed) and per client address (usernames being
 * tried): 429 past the limit of either, before the password is even checked.
 */
export class LoginFailureLimiter {
  constructor(
    readonly perUser = new RateLimiter({ maxHits: 5, windowMs: 5 * 60_000 }),
    readonly perAddress = new RateLimiter({ maxHits: 20, windowMs: 5 * 60_000 }),
  ) {}

  /** The seconds to wait before `username` may try again from `address`, or `undefined`. */
  waitOf(username: string, address: string): number | undefined {
    return this.longest(this.perUser.waitOf(username), this.perAddress.waitOf(address));
  }

  /** Records a failed login; returns the seconds to wait when it went over a limit. */
  failed(username: string, address: string): number | undefined {
    return this.longest(this.perUser.hit(username), this.perAddress.hit(address));
  }

  private longest(a: number | undefined, b: number | undefined): number | undefined {
    return a === undefined ? b : b === undefined ? a : Math.max(a, b);
  }
}

/** Expensive reads per actor (API.md "Access": audit verification, quota reports folded from the log). */
export class ExpensiveReadLimiter extends RateLimiter {}
