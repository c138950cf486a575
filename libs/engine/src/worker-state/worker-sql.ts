import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { PostgresSql, SqliteSql, type SqlDatabase } from '@ketnap/event-store';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';

/**
 * Symbol token of the worker's own state database (a {@link SqlDatabase}): the deadline saga's
 * checkpoint and armed timers, the delivered notification ids and the workers' leases.
 */
export const WORKER_SQL = Symbol('WORKER_SQL');

/** The PostgreSQL schema of the worker's state. */
export const WORKER_SCHEMA = 'ketnap_worker';

/**
 * The worker's state where every worker finds it: on PostgreSQL (`KETNAP_EVENT_STORE=postgres`) the
 * `ketnap_worker` schema of `DATABASE_URL`, shared by all workers; otherwise `<data dir>/timers.db`,
 * in memory with the memory event store and in a process without the worker (API replicas, the CLI),
 * where nothing reads or writes it.
 */
export async function openWorkerSql(
  config: Pick<KetnapConfig, 'dataDir' | 'eventStore' | 'worker' | 'databaseUrl'>,
  schema = WORKER_SCHEMA,
): Promise<SqlDatabase> {
  if (config.eventStore === 'memory' || !config.worker) return new SqliteSql(':memory:');
  if (config.eventStore === 'postgres') {
    if (!config.databaseUrl) throw new Error('DATABASE_URL is required when KETNAP_EVENT_STORE=postgres');
    return PostgresSql.open({ url: config.databaseUrl, schema });
  }
  return new SqliteSql(join(config.dataDir, 'timers.db'));
}

export const workerSqlProvider: Provider = {
  provide: WORKER_SQL,
  inject: [KETNAP_CONFIG],
  useFactory: (config: KetnapConfig) => openWorkerSql(config),
};
