export interface AuthFailureLimit {
  /** Failed authentications a client may make within the window before it is refused with 429. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMIT: AuthFailureLimit = { maxFailures: 20, windowMs: 60_000 };

/**
 * Counts failed authentications (a token that does not verify) per client address, in memory, over a
 * sliding window. Once a client reaches the limit, its failures are answered with 429 and a
 * `Retry-After` until the oldest failure leaves the window. Valid tokens are never refused.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: AuthFailureLimit = DEFAULT_AUTH_FAILURE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one failure; returns the seconds to wait when the client is over the limit, else `undefined`. */
  fail(client: string): number | undefined {
    const now = this.now();
    const recent = this.recent(client, now);
    const limited = recent.length >= this.limit.maxFailures;
    if (!limited) recent.push(now);
    this.failures.set(client, recent);
    if (this.failures.size > 10_000) this.prune(now);
    return limited ? Math.max(1, Math.ceil((recent[0] + this.limit.windowMs - now) / 1000)) : undefined;
  }

  private recent(client: string, now: number): number[] {
    return (this.failures.get(client) ?? []).filter((at) => at > now - this.limit.windowMs);
  }

  private prune(now: number): void {
    for (const client of [...this.failures.keys()]) {
      if (this.recent(client, now).length === 0) this.failures.delete(client);
    }
  }
}
