import type { SqliteEventStore } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../sqlite/projection-database';
import { ProjectionRunner, rebuildProjection } from '../sqlite/projection-runner';
import { dumpActive, tempLogAndProjections } from '../testing/read-model-testing';
import { writeSyntheticLog } from '../testing/synthetic-log';
import { coreProjections } from '.';

describe('rebuilding the read models', () => {
  let remove: () => Promise<void>;
  let store: SqliteEventStore;
  let pdb: ProjectionDatabase;
  const names = coreProjections().map((p) => p.name);

  beforeEach(() => void ({ store, pdb, remove } = tempLogAndProjections('ketnap-rebuild-')));
  afterEach(() => remove());

  it('gives tables identical to the live ones, which followed the log while it was written', async () => {
    const runners = coreProjections().map(
      (p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 5, batchSize: 97 }),
    );
    runners.forEach((r) => r.start());
    const events = await writeSyntheticLog(store, { dossiers: 300, seed: 7 });
    await Promise.all(runners.map((r) => r.caughtUp()));
    await Promise.all(runners.map((r) => r.stop()));
    expect(events).toBeGreaterThan(5000);
    const live = dumpActive(pdb, names);
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

    for (const projection of coreProjections()) {
      const done = await rebuildProjection(store, pdb, projection, { batchSize: 500 });
      expect(done).toMatchObject({ generation: 2, position: events, head: events, events });
    }
    expect(dumpActive(pdb, names)).toEqual(live);
    const leftovers = pdb.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm\\_%\\_g1\\_%' ESCAPE '\\'")
      .all();
    expect(leftovers).toEqual([]);
  }, 60_000);
});
