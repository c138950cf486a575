import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@ketnap/event-store';
import { ProjectionDatabase, ProjectionRunner, coreProjections } from '@ketnap/projections';
import { ReportsService, UnitsReader, type Clock, type DossierService } from '@ketnap/engine';

/** A SQLite store with a recorded script, its read models caught up, and the reports over them. */
export interface ReportsHarness {
  store: SqliteEventStore;
  reports: ReportsService;
  close(): Promise<void>;
}

/** Records `script` in a new data dir, runs every core read model to its end, and answers its reports. */
export async function reportsOver(
  prefix: string,
  script: (store: EventStore) => Promise<{ service: DossierService; clock: Clock }>,
): Promise<ReportsHarness> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new SqliteEventStore({ path: join(dir, 'ketnap.db') });
  const pdb = await ProjectionDatabase.openSqlite(join(dir, 'projections.db'));
  const { service, clock } = await script(store);
  const runners = coreProjections().map((p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 10 }));
  runners.forEach((r) => r.start());
  await Promise.all(runners.map((r) => r.caughtUp()));
  await Promise.all(runners.map((r) => r.stop()));
  return {
    store,
    reports: new ReportsService(pdb, service, new UnitsReader(store), clock),
    close: async () => {
      await pdb.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
