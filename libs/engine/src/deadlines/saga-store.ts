import { LOG_START, migrateSql, type LogCheckpoint, type SqlDatabase } from '@ketnap/event-store';
import type { Lease } from '../worker-state/lease';

const MIGRATIONS = [
  {
    version: 1,
    name: 'deadline saga checkpoint and armed timers',
    up: `
      CREATE TABLE saga_checkpoints (name TEXT PRIMARY KEY, checkpoint TEXT NOT NULL, position INTEGER NOT NULL);
      CREATE TABLE saga_timers (dossier_id TEXT NOT NULL, obligation TEXT NOT NULL, timer_id TEXT NOT NULL, PRIMARY KEY (dossier_id, obligation));
    `,
  },
];

export interface SagaCheckpoint {
  checkpoint: LogCheckpoint;
  position: number;
}

/**
 * The deadline saga's own durable state, in the worker's state database (shared by every worker on
 * PostgreSQL): its place in the log, and the timer armed for each obligation (so that a moved due
 * date cancels the old timer).
 */
export class SagaStore {
  private constructor(readonly sql: SqlDatabase) {}

  /** The store on `sql`, its tables created or migrated first. */
  static async open(sql: SqlDatabase): Promise<SagaStore> {
    await migrateSql(sql, 'deadline-saga', MIGRATIONS);
    return new SagaStore(sql);
  }

  async checkpoint(name: string): Promise<SagaCheckpoint> {
    const row = await this.sql.get<SagaCheckpoint>('SELECT checkpoint, position FROM saga_checkpoints WHERE name = ?', [
      name,
    ]);
    return row ?? { checkpoint: LOG_START, position: 0 };
  }

  /**
   * Stores the checkpoint. With a lease, only while its owner still holds it, checked in the same
   * transaction ({@link Lease.fence}): false, and nothing stored, when another worker has taken it.
   */
  saveCheckpoint(name: string, value: SagaCheckpoint, lease?: Pick<Lease, 'fence'>): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      if (lease && !(await lease.fence(tx))) return false;
      await tx.run(
        'INSERT INTO saga_checkpoints (name, checkpoint, position) VALUES (?, ?, ?) ' +
          'ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, position = excluded.position',
        [name, value.checkpoint, value.position],
      );
      return true;
    });
  }

  /** The timer id armed for each obligation of a dossier. */
  async timersOf(dossierId: string): Promise<Map<string, string>> {
    const rows = await this.sql.all<{ obligation: string; timer_id: string }>(
      'SELECT obligation, timer_id FROM saga_timers WHERE dossier_id = ?',
      [dossierId],
    );
    return new Map(rows.map((r) => [r.obligation, r.timer_id]));
  }

  async setTimer(dossierId: string, obligation: string, timerId: string | undefined): Promise<void> {
    if (timerId === undefined)
      await this.sql.run('DELETE FROM saga_timers WHERE dossier_id = ? AND obligation = ?', [dossierId, obligation]);
    else
      await this.sql.run(
        'INSERT INTO saga_timers (dossier_id, obligation, timer_id) VALUES (?, ?, ?) ' +
          'ON CONFLICT (dossier_id, obligation) DO UPDATE SET timer_id = excluded.timer_id',
        [dossierId, obligation, timerId],
      );
  }
}
