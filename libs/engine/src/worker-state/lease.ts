import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { migrateSql, type Migration, type SqlDatabase } from '@ketnap/event-store';

/** The leases schema, in the `leases` scope of the worker's state database. */
export const LEASE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'worker leases',
    up: 'CREATE TABLE worker_leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, token INTEGER NOT NULL, expires_at INTEGER NOT NULL)',
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
  /** True for an owner known to be dead (a process of this host that no longer runs): its lease is taken at once. */
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
  private readonly abandoned: (owner: string) => boolean;
  private readonly now: () => number;
  private token: number | undefined;
  private expiresAt = 0;

  private constructor(
    private readonly sql: SqlDatabase,
    options: LeaseOptions,
  ) {
    this.name = options.name;
    this.owner = options.owner ?? workerLeaseOwner();
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewEveryMs = options.renewEveryMs ?? DEFAULT_LEASE_RENEW_MS;
    this.abandoned = options.abandoned ?? (() => false);
    this.now = options.now ?? Date.now;
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
    const held = await this.holder();
    if (!held) {
      const { changes } = await this.sql.run(
        'INSERT INTO worker_leases (name, owner, token, expires_at) VALUES (?, ?, 1, ?) ON CONFLICT (name) DO NOTHING',
        [this.name, this.owner, now + this.ttlMs],
      );
      return changes === 1 ? this.taken(1, now) : this.lost();
    }
    const ours = held.owner === this.owner;
    if (!ours && held.expiresAt > now && !this.abandoned(held.owner)) return this.lost();
    const token = ours ? held.token : held.token + 1;
    const { changes } = await this.sql.run(
      'UPDATE worker_leases SET owner = ?, token = ?, expires_at = ? WHERE name = ? AND owner = ? AND token = ? AND expires_at = ?',
      [this.owner, token, now + this.ttlMs, this.name, held.owner, held.token, held.expiresAt],
    );
    return changes === 1 ? this.taken(token, now) : this.lost();
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
    const { changes } = await tx.run(
      'UPDATE worker_leases SET expires_at = ? WHERE name = ? AND owner = ? AND token = ?',
      [this.now() + this.ttlMs, this.name, this.owner, this.token],
    );
    return changes === 1 || this.lost();
  }

  /** Gives the lease up (it expires at once; the token stays, so the next owner's is higher). */
  async release(): Promise<void> {
    const token = this.token;
    this.lost();
    if (token === undefined) return;
    await this.sql.run('UPDATE worker_leases SET expires_at = 0 WHERE name = ? AND owner = ? AND token = ?', [
      this.name,
      this.owner,
      token,
    ]);
  }

  /** Who holds the lease now (expired or not), or `undefined` when it was never taken. */
  async holder(): Promise<LeaseHolder | undefined> {
    const row = await this.sql.get<{ owner: string; token: number; expires_at: number }>(
      'SELECT owner, token, expires_at FROM worker_leases WHERE name = ?',
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

/**
 * An owner id that names its process, `worker@<host>#<pid>#<random>`: the form @ketnap/projections'
 * lease owners have, so that its dead-process check can judge these too once it is shared.
 */
export function workerLeaseOwner(): string {
  return `worker@${hostname()}#${process.pid}#${randomUUID().slice(0, 8)}`;
}
