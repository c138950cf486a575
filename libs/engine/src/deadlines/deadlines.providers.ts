import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Logger, type Provider } from '@nestjs/common';
import { ensurePrivateFile, type SqlDatabase } from '@ketnap/event-store';
import {
  BullmqTimerScheduler,
  EmbeddedTimerScheduler,
  LogNotificationSender,
  NOTIFICATION_SENDER,
  TIMER_SCHEDULER,
  WebhookNotificationSender,
  type NotificationSender,
  type TimerScheduler,
} from '@ketnap/scheduling';
import { CLOCK, type Clock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { WORKER_SQL, workerSqlProvider } from '../worker-state/worker-sql';
import { DEADLINES_DB } from './deadlines.tokens';
import { SagaStore } from './saga-store';

/**
 * The embedded timer scheduler's database: `<data dir>/timers.db`; in memory with the memory event
 * store, and in a process without the worker (API replicas, the CLI), where no timer is armed.
 */
export function openDeadlinesDb(config: Pick<KetnapConfig, 'dataDir' | 'eventStore' | 'worker'>): Database.Database {
  if (config.eventStore === 'memory' || !config.worker) return new Database(':memory:');
  const path = join(config.dataDir, 'timers.db');
  ensurePrivateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * DESIGN.md §5: BullMQ delayed jobs when `REDIS_URL` is set, otherwise the embedded timers table.
 * Without the worker, an embedded one that is never started (no Redis connection is opened).
 */
export function createTimerScheduler(config: KetnapConfig, clock: Clock, db: Database.Database): TimerScheduler {
  const now = () => clock.now();
  if (config.redisUrl && config.worker) {
    const onError = throttled(new Logger('Timers'), REDIS_ERROR_EVERY_MS);
    return new BullmqTimerScheduler({ connection: config.redisUrl, prefix: config.redisPrefix, clock: now, onError });
  }
  return new EmbeddedTimerScheduler({ db, clock: now });
}

/** A Redis that stops answering after the start is named once in this while, not at every reconnection. */
const REDIS_ERROR_EVERY_MS = 30_000;

function throttled(logger: Logger, everyMs: number): (error: unknown) => void {
  let last = -Infinity;
  let skipped = 0;
  return (error) => {
    if (Date.now() - last < everyMs) return void skipped++;
    const more = skipped ? ` (and ${skipped} more errors since)` : '';
    logger.warn(
      `Redis (REDIS_URL): ${error instanceof Error ? error.message : String(error)}${more}; timers wait for it`,
    );
    last = Date.now();
    skipped = 0;
  };
}

/** Reminders go to the webhook when one is configured, otherwise to the log (ids and dates only). */
export function createNotificationSender(config: KetnapConfig, sql: SqlDatabase): NotificationSender {
  if (config.webhookUrl && config.webhookSecret)
    return new WebhookNotificationSender({ url: config.webhookUrl, secret: config.webhookSecret, sql });
  const logger = new Logger('Notifications');
  return new LogNotificationSender((line) => logger.log(line));
}

export const deadlinesProviders: Provider[] = [
  { provide: DEADLINES_DB, inject: [KETNAP_CONFIG], useFactory: openDeadlinesDb },
  workerSqlProvider,
  { provide: TIMER_SCHEDULER, inject: [KETNAP_CONFIG, CLOCK, DEADLINES_DB], useFactory: createTimerScheduler },
  { provide: NOTIFICATION_SENDER, inject: [KETNAP_CONFIG, WORKER_SQL], useFactory: createNotificationSender },
  { provide: SagaStore, inject: [WORKER_SQL], useFactory: (sql: SqlDatabase) => SagaStore.open(sql) },
];
