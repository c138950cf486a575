import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PostgresSql, SqliteSql, tableNames } from '@ketnap/event-store';
import { describeWithService } from '../../../../test/support/services';
import { SagaStore } from '../deadlines/saga-store';
import { openWorkerSql } from './worker-sql';

describe('the worker state database on SQLite', () => {
  let dataDir: string;
  beforeEach(() => void (dataDir = mkdtempSync(join(tmpdir(), 'ketnap-worker-sql-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is <data dir>/timers.db for a worker on the embedded store, and keeps the saga state across a restart', async () => {
    const config = { dataDir, eventStore: 'sqlite', worker: true } as const;
    const first = await openWorkerSql(config);
    expect(first).toBeInstanceOf(SqliteSql);
    await (await SagaStore.open(first)).saveCheckpoint('deadline-saga', { checkpoint: '5', position: 5 });
    await first.close();
    expect(existsSync(join(dataDir, 'timers.db'))).toBe(true);
    const again = await openWorkerSql(config);
    expect(await (await SagaStore.open(again)).checkpoint('deadline-saga')).toEqual({ checkpoint: '5', position: 5 });
    await again.close();
  });

  it('is in memory, leaving the data dir alone, with the memory store or without the worker', async () => {
    for (const config of [
      { dataDir, eventStore: 'memory', worker: true },
      { dataDir, eventStore: 'sqlite', worker: false },
    ] as const) {
      const sql = await openWorkerSql(config);
      expect((sql as SqliteSql).db.name).toBe(':memory:');
      await sql.close();
    }
    expect(existsSync(join(dataDir, 'timers.db'))).toBe(false);
  });
});

describeWithService('postgres', 'the worker state database on PostgreSQL', (url) => {
  it('is a schema of DATABASE_URL that every worker opening it shares', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '')}`;
    const config = { dataDir: '/nonexistent', eventStore: 'postgres', worker: true, databaseUrl: url } as const;
    const [one, two] = [await openWorkerSql(config, schema), await openWorkerSql(config, schema)];
    try {
      expect(one).toBeInstanceOf(PostgresSql);
      await (await SagaStore.open(one)).saveCheckpoint('deadline-saga', { checkpoint: '9', position: 9 });
      expect(await (await SagaStore.open(two)).checkpoint('deadline-saga')).toEqual({ checkpoint: '9', position: 9 });
      expect(await tableNames(two)).toEqual(['saga_checkpoints', 'saga_timers', 'schema_migrations']);
    } finally {
      await (one as PostgresSql).dropSchema();
      await Promise.all([one.close(), two.close()]);
    }
  });
});
