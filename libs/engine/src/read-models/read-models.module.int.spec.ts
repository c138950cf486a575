import { randomUUID } from 'node:crypto';
import { PostgresSql } from '@ketnap/event-store';
import { describeWithService } from '../../../../test/support/services';
import { openProjectionDatabase } from './read-models.module';

describe('where the read models live', () => {
  it('in projections.db beside the embedded store (in memory beside the memory store)', async () => {
    const pdb = await openProjectionDatabase({ eventStore: 'memory', dataDir: '/nonexistent' });
    expect(pdb.sql.dialect).toBe('sqlite');
    await pdb.close();
  });

  it('with the page cache the configuration gives each connection: 2 MiB unless told', async () => {
    const cacheOf = async (readModelCacheMiB?: number) => {
      const pdb = await openProjectionDatabase({ eventStore: 'memory', dataDir: '/nonexistent', readModelCacheMiB });
      const [row] = await pdb.sql.all<{ cache_size: number }>('PRAGMA cache_size');
      await pdb.close();
      return row.cache_size;
    };
    expect(await cacheOf()).toBe(-2048);
    expect(await cacheOf(8)).toBe(-8192);
  });
});

describeWithService('postgres', 'where the read models live beside a PostgreSQL store', (url) => {
  it('in a schema of DATABASE_URL, migrated', async () => {
    const schema = `test_${randomUUID().replace(/-/g, '')}`;
    const pdb = await openProjectionDatabase(
      { eventStore: 'postgres', databaseUrl: url, dataDir: '/nonexistent' },
      schema,
    );
    try {
      expect(pdb.sql).toBeInstanceOf(PostgresSql);
      expect((pdb.sql as PostgresSql).schema).toBe(schema);
      expect(await pdb.generations('dossier-list')).toEqual([]);
      expect(await pdb.lease('dossier-list', 'runner-a', 1_000)).toEqual({
        name: 'dossier-list',
        owner: 'runner-a',
        token: 1,
      });
    } finally {
      await (pdb.sql as PostgresSql).dropSchema();
      await pdb.close();
    }
  });
});
