import { NestFactory } from '@nestjs/core';
import { PROJECTIONS, WorkerAppModule, loadConfig } from '@ketnap/engine';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { ProjectionDatabase, rebuildProjections, type Projection } from '@ketnap/projections';
import { dumpActive } from '@ketnap/projections/testing';

/** What a read model holds: table → rows in a stable order, per read model (see dumpActive). */
export type ReadModelDump = Record<string, Record<string, unknown[]>>;

/** The engine of a deployment as `ketnap projections rebuild` opens it: no worker, no HTTP. */
export interface EngineContext {
  /** The engine's store (personal parts opened with the deployment's keys). */
  store: EventStore;
  /** Every projection the engine registers (PROJECTIONS), with the deployment's read-model cipher. */
  projections: Projection[];
  close(): Promise<void>;
}

/** An app context without the worker on the deployment whose variables are `env`. */
export async function engineContext(env: Record<string, string>): Promise<EngineContext> {
  const config = loadConfig({ ...env, KETNAP_WORKER: 'off' });
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot({ ...config, worker: false }), {
    logger: ['error'],
  });
  return {
    store: app.get<EventStore>(EVENT_STORE),
    projections: [...app.get<Projection[]>(PROJECTIONS)],
    close: () => app.close(),
  };
}

/**
 * The active generation of each of `projections` in `live`, and the same read models rebuilt from
 * `store`'s log from position 0 into `fresh` (an empty read-model database).
 */
export async function liveAndRebuilt(
  store: EventStore,
  projections: readonly Projection[],
  live: ProjectionDatabase,
  fresh: ProjectionDatabase,
): Promise<{ live: ReadModelDump; rebuilt: ReadModelDump }> {
  await rebuildProjections(store, fresh, projections);
  const names = projections.map((p) => p.name);
  return { live: await dumpActive(live, names), rebuilt: await dumpActive(fresh, names) };
}
