import { SqliteEventStore, type EventStore } from '@ketnap/event-store';
import { ProjectionRunner, coreProjections } from '@ketnap/projections';
import { tempLogAndProjections, testColumnCipher } from '@ketnap/projections/testing';
import { ReportsService, UnitsReader, type Clock, type DossierService } from '@ketnap/engine';

/** A SQLite store with a recorded script, its read models caught up, and the reports over them. */
export interface ReportsHarness {
  store: SqliteEventStore;
  reports: ReportsService;
  close(): Promise<void>;
}

/**
 * Records `script` in a new data dir, runs every core read model to its end, and answers its reports;
 * with `postgresUrl` the read models live in a fresh PostgreSQL schema, dropped by `close`.
 */
export async function reportsOver(
  prefix: string,
  script: (store: EventStore) => Promise<{ service: DossierService; clock: Clock }>,
  postgresUrl?: string,
): Promise<ReportsHarness> {
  const { store, pdb, remove } = await tempLogAndProjections(prefix, postgresUrl);
  const { service, clock } = await script(store);
  const runners = coreProjections(testColumnCipher()).map(
    (p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 10 }),
  );
  runners.forEach((r) => r.start());
  await Promise.all(runners.map((r) => r.caughtUp()));
  await Promise.all(runners.map((r) => r.stop()));
  return {
    store,
    reports: new ReportsService(pdb, testColumnCipher(), service, new UnitsReader(store), clock),
    close: remove,
  };
}
