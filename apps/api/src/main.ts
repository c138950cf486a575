import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, loadConfig, resolveAuthSecret, runMain } from '@ketnap/engine';
import { createApiApp } from './bootstrap/create-app';
import { WorkerLink } from './worker-thread/worker-link';

/**
 * `npm start`: the HTTP API, and the worker in the same process unless KETNAP_WORKER=off: in a thread
 * of its own, so the read models and the saga work on the other core and never hold up a request (in
 * the API's thread with the memory store, which a thread could not share).
 */
export async function start(): Promise<void> {
  const config = loadConfig();
  resolveAuthSecret(config); // created on first start; an unusable one fails here, in one line, before Nest starts
  const inThread = config.worker && config.eventStore !== 'memory';
  const link = inThread ? await WorkerLink.start(config) : undefined;
  const app = await createApiApp(inThread ? { ...config, worker: false } : config, link);
  closeOnSignals(app);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as { port: number };
  Logger.log(`ketnap listening on port ${port} (store ${config.eventStore}, data ${config.dataDir})`, 'ketnap');
}

runMain(start);
