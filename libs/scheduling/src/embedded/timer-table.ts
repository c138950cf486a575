import type Database from 'better-sqlite3';
import { migrate, type Migration } from '@ketnap/event-store';
import type { ArmedTimer } from '../timer-scheduler.port';
import type { CheckedTimer } from '../timer-spec';

/** The timers schema, in the `scheduling` scope of the embedded database. Released steps are never edited. */
export const TIMER_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'timers',
    up: `
      CREATE TABLE timers (
        id           TEXT    PRIMARY KEY,
        due_at       INTEGER NOT NULL,
        payload      TEXT    NOT NULL,
        generation   INTEGER NOT NULL,
        attempts     INTEGER NOT NULL,
        retry_at     INTEGER NOT NULL,
        locked_by    TEXT,
        locked_until INTEGER,
        failed_at    INTEGER,
        last_error   TEXT,
        armed_at     INTEGER NOT NULL
      );
      CREATE INDEX timers_due ON timers (due_at) WHERE failed_at IS NULL;
    `,
  },
];

/** A timer taken for delivery. `attempts` already counts this delivery. */
export interface ClaimedRow {
  id: string;
  due_at: number;
  payload: string;
  generation: number;
  attempts: number;
}

interface StoredRow extends ClaimedRow {
  failed_at: number | null;
}

/**
 * The `timers` table. Due times are epoch milliseconds on the scheduler's clock; leases and retry times
 * are on the machine's clock, because they are about processes, not legal time. `generation` grows with
 * every re-arm, so the end of an older delivery never removes a newer arming.
 */
export class TimerTable {
  private readonly sql;
  private readonly claimTx: (
    now: number,
    machineNow: number,
    leaseUntil: number,
    owner: string,
    limit: number,
  ) => ClaimedRow[];
  private readonly doneAllTx: (rows: readonly ClaimedRow[], owner: string) => void;

  constructor(db: Database.Database) {
    migrate(db, 'scheduling', TIMER_MIGRATIONS);
    this.sql = {
      upsert: db.prepare(
        `INSERT INTO timers (id, due_at, payload, generation, attempts, retry_at, armed_at) VALUES (?, ?, ?, 1, 0, 0, ?)
         ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload, generation = timers.generation + 1,
           attempts = 0, retry_at = 0, failed_at = NULL, last_error = NULL, armed_at = excluded.armed_at
         WHERE timers.due_at != excluded.due_at OR timers.payload != excluded.payload OR timers.failed_at IS NOT NULL`,
      ),
      remove: db.prepare('DELETE FROM timers WHERE id = ?'),
      claim: db.prepare<[number, string, number, number, number, number], ClaimedRow>(
        `UPDATE timers SET locked_until = ?, locked_by = ?, attempts = attempts + 1
         WHERE id IN (SELECT id FROM timers WHERE failed_at IS NULL AND due_at <= ? AND retry_at <= ?
                      AND (locked_until IS NULL OR locked_until <= ?) ORDER BY due_at LIMIT ?)
         RETURNING id, due_at, payload, generation, attempts`,
      ),
      done: db.prepare('DELETE FROM timers WHERE id = ? AND generation = ?'),
      retry: db.prepare(
        'UPDATE timers SET retry_at = ?, last_error = ?, locked_by = NULL, locked_until = NULL WHERE id = ? AND generation = ?',
      ),
      fail: db.prepare(
        'UPDATE timers SET failed_at = ?, last_error = ?, locked_by = NULL, locked_until = NULL WHERE id = ? AND generation = ?',
      ),
      release: db.prepare('UPDATE timers SET locked_by = NULL, locked_until = NULL WHERE id = ? AND locked_by = ?'),
      renew: db.prepare('UPDATE timers SET locked_until = ? WHERE locked_by = ?'),
      get: db.prepare<[string], StoredRow>(
        'SELECT id, due_at, payload, generation, attempts, failed_at FROM timers WHERE id = ?',
      ),
      nextDue: db.prepare<[number, number], { next: number | null }>(
        `SELECT MIN(due_at) AS next FROM timers
         WHERE failed_at IS NULL AND retry_at <= ? AND (locked_until IS NULL OR locked_until <= ?)`,
      ),
      armed: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM timers WHERE failed_at IS NULL'),
    };
    this.doneAllTx = db.transaction((rows: readonly ClaimedRow[], owner: string) => {
      for (const row of rows) this.done(row, owner);
    });
    this.claimTx = db.transaction((now: number, machineNow: number, leaseUntil: number, owner: string, limit: number) =>
      this.sql.claim.all(leaseUntil, owner, now, machineNow, machineNow, limit),
    ).immediate;
  }

  /** Inserts or replaces a timer; an unchanged, not failed timer is left as it is. */
  upsert(timer: CheckedTimer, machineNow: number): void {
    this.sql.upsert.run(timer.id, timer.dueAtMs, timer.payloadJson, machineNow);
  }

  remove(id: string): void {
    this.sql.remove.run(id);
  }

  /** Leases up to `limit` due timers to `owner` until `leaseUntil`, in one IMMEDIATE transaction. */
  claim(now: number, machineNow: number, leaseUntil: number, owner: string, limit: number): ClaimedRow[] {
    return this.claimTx(now, machineNow, leaseUntil, owner, limit);
  }

  /** Removes a delivered arming, or, when it was re-armed meanwhile, frees it for its next firing. */
  done(row: ClaimedRow, owner: string): void {
    if (this.sql.done.run(row.id, row.generation).changes === 0) this.sql.release.run(row.id, owner);
  }

  /** {@link done} for each row, in one transaction. */
  doneAll(rows: readonly ClaimedRow[], owner: string): void {
    this.doneAllTx(rows, owner);
  }

  /** Records a rejected delivery: a retry time, or `failed`. False when the arming was replaced or cancelled meanwhile. */
  rejected(
    row: ClaimedRow,
    owner: string,
    error: string,
    outcome: { retryAt: number } | { failedAt: number },
  ): boolean {
    const changed =
      'retryAt' in outcome
        ? this.sql.retry.run(outcome.retryAt, error, row.id, row.generation).changes
        : this.sql.fail.run(outcome.failedAt, error, row.id, row.generation).changes;
    if (changed === 0) this.sql.release.run(row.id, owner);
    return changed > 0;
  }

  /** Extends the lease of every timer `owner` is delivering. */
  renew(owner: string, leaseUntil: number): void {
    this.sql.renew.run(leaseUntil, owner);
  }

  /** The earliest due time among timers free to claim, or null. */
  nextDue(machineNow: number): number | null {
    return this.sql.nextDue.get(machineNow, machineNow)?.next ?? null;
  }

  get(id: string): ArmedTimer | null {
    const row = this.sql.get.get(id);
    if (!row) return null;
    const state = row.failed_at === null ? 'armed' : 'failed';
    return { id: row.id, dueAt: new Date(row.due_at), payload: JSON.parse(row.payload), state, attempts: row.attempts };
  }

  armed(): number {
    return this.sql.armed.get()?.n ?? 0;
  }
}
