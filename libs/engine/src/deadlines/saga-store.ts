import type Database from 'better-sqlite3';
import { LOG_START, migrate, type LogCheckpoint } from '@ketnap/event-store';

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
 * The deadline saga's own durable state, in the embedded deadlines database: its place in the log,
 * and the timer armed for each obligation (so that a moved due date cancels the old timer).
 */
export class SagaStore {
  private readonly sql;

  constructor(readonly db: Database.Database) {
    migrate(db, 'deadline-saga', MIGRATIONS);
    this.sql = {
      checkpoint: db.prepare<[string], SagaCheckpoint>(
        'SELECT checkpoint, position FROM saga_checkpoints WHERE name = ?',
      ),
      save: db.prepare('INSERT OR REPLACE INTO saga_checkpoints (name, checkpoint, position) VALUES (?, ?, ?)'),
      timers: db.prepare<[string], { obligation: string; timer_id: string }>(
        'SELECT obligation, timer_id FROM saga_timers WHERE dossier_id = ?',
      ),
      setTimer: db.prepare('INSERT OR REPLACE INTO saga_timers (dossier_id, obligation, timer_id) VALUES (?, ?, ?)'),
      dropTimer: db.prepare('DELETE FROM saga_timers WHERE dossier_id = ? AND obligation = ?'),
    };
  }

  checkpoint(name: string): SagaCheckpoint {
    return this.sql.checkpoint.get(name) ?? { checkpoint: LOG_START, position: 0 };
  }

  saveCheckpoint(name: string, value: SagaCheckpoint): void {
    this.sql.save.run(name, value.checkpoint, value.position);
  }

  /** The timer id armed for each obligation of a dossier. */
  timersOf(dossierId: string): Map<string, string> {
    return new Map(this.sql.timers.all(dossierId).map((r) => [r.obligation, r.timer_id]));
  }

  setTimer(dossierId: string, obligation: string, timerId: string | undefined): void {
    if (timerId === undefined) this.sql.dropTimer.run(dossierId, obligation);
    else this.sql.setTimer.run(dossierId, obligation, timerId);
  }
}
