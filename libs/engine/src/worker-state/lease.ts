import {
  LEASE_TABLE_COLUMNS,
  fenceLease,
  leaseOwner,
  migrateSql,
  releaseLease,
  takeLease,
  type Migration,
  type SqlDatabase,
} from '@ketnap/event-store';

const TABLE = 'worker_leases';

/** The leases schema, in the `leases` scope of the worker's state database. */
export const LEASE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'worker leases',
    up: `CREATE TABLE ${TABLE} (${LEASE_TABLE_COLUMNS})`,
  },
];

/** How long a lease lasts and how often it is renewed. */
export interface LeaseTiming {
  /** How long a lease lasts without a renewal (default 10 000 ms). */
  ttlMs?: number;
  /** How often the holder renews it, and how often a worker without it tries to take it (default 2000 ms). */
  renewEveryMs?: number;
}

export interface LeaseOptions extends LeaseTiming {
  name: string;
  /** Default: `worker@<host>#<pid>#<random>`, one per Lease. */
  owner?: string;
  /** An owner known to be dead, whose lease is taken at once (default: see `takeLease`). */
  abandoned?: (owner: string) => boolean;
  /** Milliseconds since the epoch (default `Date.now`); never the manual clock. */
  now?: () => number;
}

/** Who holds a lease, with which fencing token, until when (ms since the epoch). */
export interface LeaseHolder {
  owner: string;
  token: number;
  expiresAt: number;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;
export const DEFAULT_LEASE_RENEW_MS = 2000;

/**
 * "Exactly one worker at a time" (DESIGN.md §8) for work the workers share through one
 * {@link SqlDatabase}: a row per lease name with its owner, a fencing token and an expiry. A worker
 * takes the lease when it is free, expired, its own or abandoned; taking it from another owner
 * increments the token. The holder renews it every `renewEveryMs`; a worker that dies stops renewing
 * and another takes over once `ttlMs` has passed, so a hand-over takes at most `ttlMs + renewEveryMs`
 * (10 s + 2 s by default). Expiry is judged by each worker's own clock: hosts keep their clocks in
 * step (NTP), and a skew only moves the hand-over, because a holder's writes pass {@link fence}
 * in their own transaction, which refuses them once the token has moved on.
 */
export class Lease {
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  readonly renewEveryMs: number;
  private readonly now: () => number;
  private readonly abandoned?: (owner: string) => boolean;
  private token: number | undefined;
  private expiresAt = 0;

  private constructor(
    private readonly sql: SqlDatabase,
    options: LeaseOptions,
  ) {
    this.name = options.name;
    this.owner = options.owner ?? leaseOwner('worker');
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewEveryMs = options.renewEveryMs ?? DEFAULT_LEASE_RENEW_MS;
    this.now = options.now ?? Date.now;
    this.abandoned = options.abandoned;
  }

  /** A lease on `sql`, its table created when missing. */
  static async open(sql: SqlDatabase, options: LeaseOptions): Promise<Lease> {
    await migrateSql(sql, 'leases', LEASE_MIGRATIONS);
    return new Lease(sql, options);
  }

  /** The token this owner holds the lease with, or `undefined` when it does not hold it. */
  get heldToken(): number | undefined {
    return this.token;
  }

  /** True while this owner took or renewed the lease less than `ttlMs` ago and has not found it lost since. */
  holds(): boolean {
    return this.token !== undefined && this.now() < this.expiresAt;
  }

  /**
   * Takes the lease, or renews it when it is already this owner's; false when another owner holds
   * it unexpired. A compare-and-set on the row read, so of two workers taking it at once one wins.
   */
  async take(): Promise<boolean> {
    const now = this.now();
    const { name, owner, ttlMs, abandoned } = this;
    const taken = await takeLease(this.sql, TABLE, { name, owner, ttlMs, now, abandoned });
    return taken ? this.taken(taken.token, now) : this.lost();
  }

  /** Extends the lease this owner holds; false (and no longer held) when another owner has taken it. */
  async renew(): Promise<boolean> {
    const now = this.now();
    return (await this.fence(this.sql)) ? this.taken(this.token!, now) : false;
  }

  /**
   * The fencing check, run in the transaction of a write only the holder may make: true when this
   * owner still holds the lease with its token (extending it), false otherwise, and then the write
   * must not happen. On PostgreSQL it locks the lease's row until the transaction ends, so a
   * takeover waits for the write and the write never lands after it.
   */
  async fence(tx: SqlDatabase): Promise<boolean> {
    if (this.token === undefined) return false;
    const lease = { name: this.name, owner: this.owner, token: this.token };
    return (await fenceLease(tx, TABLE, lease, this.now() + this.ttlMs)) || this.lost();
  }

  /** Gives the lease up (it expires at once; the token stays, so the next owner's is higher). */
  async release(): Promise<void> {
    const held = this.token !== undefined;
    this.lost();
    if (held) await releaseLease(this.sql, TABLE, this.name, this.owner);
  }

  /** Who holds the lease now (expired or not), or `undefined` when it was never taken. */
  async holder(): Promise<LeaseHolder | undefined> {
    const row = await this.sql.get<{ owner: string; token: number; expires_at: number }>(
      `SELECT owner, token, expires_at FROM ${TABLE} WHERE name = ?`,
      [this.name],
    );
    return row && { owner: row.owner, token: row.token, expiresAt: row.expires_at };
  }

  /**
   * Runs `fn` holding the lease, renewed every `renewEveryMs` meanwhile, then releases it; answers
   * `otherwise` without running `fn` when another owner holds it.
   */
  async exclusive<T>(fn: () => Promise<T>, otherwise: T): Promise<T> {
    if (!(await this.take())) return otherwise;
    const renewal = setInterval(() => void this.renew().catch(() => undefined), this.renewEveryMs);
    renewal.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renewal);
      await this.release();
    }
  }

  private taken(token: number, now: number): true {
    this.token = token;
    this.expiresAt = now + this.ttlMs;
    return true;
  }

  private lost(): false {
    this.token = undefined;
    this.expiresAt = 0;
    return false;
  }
}
