import { tableNames, type SqliteEventStore } from '@ketnap/event-store';
import { describeWithService } from '../../../../test/support/services';
import type { ProjectionDatabase } from '../runner/projection-database';
import { ProjectionRunner, rebuildProjection } from '../runner/projection-runner';
import { dumpActive, tempLogAndProjections, testColumnCipher } from '../testing/read-model-testing';
import { writeSyntheticLog } from '../testing/synthetic-log';
import { coreProjections } from '.';

function rebuildSpecs(postgresUrl?: string): void {
  let remove: () => Promise<void>;
  let store: SqliteEventStore;
  let pdb: ProjectionDatabase;
  const names = coreProjections(testColumnCipher()).map((p) => p.name);

  beforeEach(async () => void ({ store, pdb, remove } = await tempLogAndProjections('ketnap-rebuild-', postgresUrl)));
  afterEach(() => remove());

  it('gives tables identical to the live ones, which followed the log while it was written', async () => {
    const runners = coreProjections(testColumnCipher()).map(
      (p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 5, batchSize: 97 }),
    );
    runners.forEach((r) => r.start());
    const events = await writeSyntheticLog(store, { dossiers: 300, seed: 7 });
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    expect(events).toBeGreaterThan(5000);
    const live = await dumpActive(pdb, names);
    expect(Object.values(live.quota.dossiers)).toHaveLength(300);
    expect(new Set(live['dossier-list'].dossiers.map((r) => (r as { stage: string }).stage))).toEqual(
      new Set([
        'nominated',
        'in-preparation',
        'withdrawn',
        'proposed',
        'awaiting-decision',
        'admitted',
        'refused',
        'probation',
        'awaiting-recognition',
        'official',
        'removed',
      ]),
    );

    for (const projection of coreProjections(testColumnCipher())) {
      const done = await rebuildProjection(store, pdb, projection, { batchSize: 500 });
      expect(done).toMatchObject({ generation: 2, position: events, head: events, events });
    }
    expect(await dumpActive(pdb, names)).toEqual(live);
    const leftovers = (await tableNames(pdb.sql)).filter((t) => /^rm_.*_g1_/.test(t));
    expect(leftovers).toEqual([]);
  }, 60_000);
}

describe('rebuilding the read models on SQLite', () => rebuildSpecs());

describeWithService('postgres', 'rebuilding the read models on PostgreSQL', (url) => rebuildSpecs(url));
