import type Database from 'better-sqlite3';
import { migrate, type Migration } from '@ketnap/event-store';

/** The delivered-notifications schema, in the `notifications` scope of the embedded database. */
export const NOTIFICATION_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'delivered notifications',
    up: 'CREATE TABLE delivered_notifications (id TEXT PRIMARY KEY, delivered_at TEXT NOT NULL)',
  },
];

/** Ids of notifications already delivered, so that none is sent twice. */
export interface DeliveredIds {
  has(id: string): boolean;
  add(id: string, deliveredAt: Date): void;
}

export class MemoryDeliveredIds implements DeliveredIds {
  private readonly ids = new Set<string>();
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
  }
}

/** Delivered ids in a table of the embedded database: they survive a restart. */
export class SqliteDeliveredIds implements DeliveredIds {
  private readonly sql;

  constructor(db: Database.Database) {
    migrate(db, 'notifications', NOTIFICATION_MIGRATIONS);
    this.sql = {
      has: db.prepare<[string], { id: string }>('SELECT id FROM delivered_notifications WHERE id = ?'),
      add: db.prepare('INSERT OR IGNORE INTO delivered_notifications (id, delivered_at) VALUES (?, ?)'),
    };
  }

  has(id: string): boolean {
    return this.sql.has.get(id) !== undefined;
  }

  add(id: string, deliveredAt: Date): void {
    this.sql.add.run(id, deliveredAt.toISOString());
  }
}
