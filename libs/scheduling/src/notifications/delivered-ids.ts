import { migrateSql, type Migration, type SqlDatabase } from '@ketnap/event-store';

/** The delivered-notifications schema, in the `notifications` scope of the worker's state database. */
export const NOTIFICATION_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'delivered notifications',
    up: 'CREATE TABLE delivered_notifications (id TEXT PRIMARY KEY, delivered_at TEXT NOT NULL)',
  },
];

/** Ids of notifications already delivered, so that none is sent twice. */
export interface DeliveredIds {
  has(id: string): Promise<boolean>;
  add(id: string, deliveredAt: Date): Promise<void>;
}

export class MemoryDeliveredIds implements DeliveredIds {
  private readonly ids = new Set<string>();
  async has(id: string): Promise<boolean> {
    return this.ids.has(id);
  }
  async add(id: string): Promise<void> {
    this.ids.add(id);
  }
}

/**
 * Delivered ids in a table of a {@link SqlDatabase}: they survive a restart and, on PostgreSQL, every
 * worker sees the others'. The table is created on first use.
 */
export class SqlDeliveredIds implements DeliveredIds {
  private ready: Promise<void> | undefined;

  constructor(private readonly sql: SqlDatabase) {}

  async has(id: string): Promise<boolean> {
    await this.migrated();
    return (await this.sql.get('SELECT id FROM delivered_notifications WHERE id = ?', [id])) !== undefined;
  }

  async add(id: string, deliveredAt: Date): Promise<void> {
    await this.migrated();
    await this.sql.run('INSERT INTO delivered_notifications (id, delivered_at) VALUES (?, ?) ON CONFLICT DO NOTHING', [
      id,
      deliveredAt.toISOString(),
    ]);
  }

  /** Migrates once; a failed migration is tried again on the next use. */
  private migrated(): Promise<void> {
    this.ready ??= migrateSql(this.sql, 'notifications', NOTIFICATION_MIGRATIONS).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}
