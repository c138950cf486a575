import type { SqlDatabase } from './sql-database';
import { isAbandoned } from './lease-owner';

/**
 * "One process at a time" on a {@link SqlDatabase}, the one way ketnap does it (DESIGN.md §8): the
 * projections' runners and the worker's saga and quota sweep keep a lease row each in a table of
 * this shape, `(name TEXT PRIMARY KEY, owner TEXT, expires_at INTEGER, token INTEGER)`
 * ({@link LEASE_TABLE_COLUMNS}). Taking a lease from another owner moves its fencing token on; every
 * write only the holder may make passes {@link fenceLease} in its own transaction, so a holder that
 * lost its lease (paused past its end, say) can never write after the new holder took over.
 */

/** A lease as its holder took it: the token fences its writes. */
export interface LeaseRecord {
  name: string;
  owner: string;
  token: number;
}

/** The columns of a lease table, for its `CREATE TABLE`. */
export const LEASE_TABLE_COLUMNS =
  'name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL, token INTEGER NOT NULL';

export interface TakeLease {
  name: string;
  owner: string;
  /** How long the lease lasts without a renewal. */
  ttlMs: number;
  /** Milliseconds since the epoch (a process's real clock, never the manual clock). */
  now: number;
  /**
   * True for an owner known to be dead, whose lease is taken at once. Default: on SQLite (one host)
   * an owner that is a process of this host that no longer runs ({@link isAbandoned}); elsewhere none.
   */
  abandoned?: (owner: string) => boolean;
}

/**
 * Takes the lease `name` for `owner`, or renews it when it is already the owner's; `undefined` while
 * another owner holds it unexpired, unless that owner is known to be dead (`abandoned`); otherwise a
 * lease is handed over when it expires. A
 * compare-and-set on the row read: of two processes taking it at once, one changes nothing.
 */
export async function takeLease(sql: SqlDatabase, table: string, take: TakeLease): Promise<LeaseRecord | undefined> {
  const { name, owner, ttlMs, now } = take;
  const abandoned = take.abandoned ?? (sql.dialect === 'sqlite' ? isAbandoned : () => false);
  const held = await sql.get<{ owner: string; expires_at: number; token: number }>(
    `SELECT owner, expires_at, token FROM ${table} WHERE name = ?`,
    [name],
  );
  if (!held) {
    const { changes } = await sql.run(
      `INSERT INTO ${table} (name, owner, expires_at, token) VALUES (?, ?, ?, 1) ON CONFLICT (name) DO NOTHING`,
      [name, owner, now + ttlMs],
    );
    return changes === 1 ? { name, owner, token: 1 } : undefined;
  }
  const ours = held.owner === owner;
  if (!ours && held.expires_at > now && !abandoned(held.owner)) return undefined;
  const token = ours ? held.token : held.token + 1;
  const { changes } = await sql.run(
    `UPDATE ${table} SET owner = ?, expires_at = ?, token = ? WHERE name = ? AND owner = ? AND token = ? AND expires_at = ?`,
    [owner, now + ttlMs, token, name, held.owner, held.token, held.expires_at],
  );
  return changes === 1 ? { name, owner, token } : undefined;
}

/**
 * The fencing check, run in the transaction of a write only the holder may make: true when `lease`
 * still names its owner with its token (then extended to `expiresAt` when given), false otherwise,
 * and the write must not happen. An update, not a read, so that on PostgreSQL it locks the lease's
 * row until the transaction ends: a takeover waits for the write, which never lands after it.
 */
export async function fenceLease(
  tx: SqlDatabase,
  table: string,
  lease: LeaseRecord,
  expiresAt?: number,
): Promise<boolean> {
  const { changes } =
    expiresAt === undefined
      ? await tx.run(`UPDATE ${table} SET token = token WHERE name = ? AND owner = ? AND token = ?`, [
          lease.name,
          lease.owner,
          lease.token,
        ])
      : await tx.run(`UPDATE ${table} SET expires_at = ? WHERE name = ? AND owner = ? AND token = ?`, [
          expiresAt,
          lease.name,
          lease.owner,
          lease.token,
        ]);
  return changes === 1;
}

/** Gives a lease up: it expires at once; its token stays, so the next holder's moves on. */
export async function releaseLease(sql: SqlDatabase, table: string, name: string, owner: string): Promise<void> {
  await sql.run(`UPDATE ${table} SET expires_at = 0 WHERE name = ? AND owner = ?`, [name, owner]);
}
