import { MemoryEventStore } from '@ketnap/event-store';
import { ProjectionDatabase, coreProjections, type Projection } from '@ketnap/projections';
import { testColumnCipher } from '@ketnap/projections/testing';
import { loadConfig } from '../config/config';
import { ConsumerRegistry } from '../consumers/consumer-registry';
import { ReadModelsHost } from './read-models.host';

const nomination = (n: number) => ({
  type: 'CandidateNominated',
  data: {
    branchId: 'lang-gia',
    nominatedBy: 'lang-gia',
    nominatedOn: '2024-03-01',
    personal: {
      fullName: `Ứng viên ${n}`,
      birthDate: '1995-01-01',
      gender: 'female',
      ethnicity: 'Tày',
      educationLevel: 'college',
    },
    ruleSet: 'qd24-2021',
  },
});

describe('ReadModelsHost', () => {
  const setUp = async (worker: boolean, projections: Projection[] = coreProjections(testColumnCipher())) => {
    const store = new MemoryEventStore();
    const pdb = await ProjectionDatabase.openSqlite(':memory:');
    const registry = new ConsumerRegistry();
    const host = new ReadModelsHost(store, { ...loadConfig({}), worker }, projections, pdb, registry);
    return { store, pdb, registry, host };
  };

  it('runs every projection when the worker is on, reports their lag, and is caught up once they applied the log', async () => {
    const { store, pdb, registry, host } = await setUp(true);
    await host.onApplicationBootstrap();
    for (let n = 0; n < 3; n += 1)
      await store.append(`dossier-0000000${n}-0000-4000-8000-000000000000`, [nomination(n)], {
        expectedVersion: 'no-stream',
      });
    await host.caughtUp();
    expect(registry.lag(3)).toEqual({
      'projection:dossier-list': 0,
      'projection:quota': 0,
      'projection:pipeline': 0,
      'projection:admissions': 0,
    });
    expect(registry.lag(5)['projection:quota']).toBe(2);
    expect(await pdb.sql.get(`SELECT COUNT(*) AS n FROM ${(await pdb.tables('dossier-list'))('dossiers')}`)).toEqual({
      n: 3,
    });
    await host.onModuleDestroy();
    expect(registry.lag(3)).toEqual({});
    await pdb.close();
  });

  it('runs nothing when the worker is off, and reports the positions another process reached', async () => {
    const { store, pdb, registry, host } = await setUp(false);
    await host.onApplicationBootstrap();
    await store.append('dossier-00000001-0000-4000-8000-000000000000', [nomination(1)], {
      expectedVersion: 'no-stream',
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await pdb.active('quota')).toBeUndefined();
    expect(registry.lag(1)['projection:quota']).toBe(1);
    const other = await setUp(true);
    const runner = new ReadModelsHost(
      store,
      { ...loadConfig({}), worker: true },
      coreProjections(testColumnCipher()),
      pdb,
      other.registry,
    );
    await runner.onApplicationBootstrap();
    await host.caughtUp();
    expect(registry.lag(1)['projection:quota']).toBe(0);
    await runner.onModuleDestroy();
    await host.onModuleDestroy();
    await pdb.close();
  });

  it('refuses two projections with one name', async () => {
    const { host, pdb } = await setUp(false, [
      ...coreProjections(testColumnCipher()),
      coreProjections(testColumnCipher())[1],
    ]);
    await expect(host.onApplicationBootstrap()).rejects.toThrow('projection quota is registered twice');
    await pdb.close();
  });
});
