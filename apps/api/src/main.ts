import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, loadConfig, resolveAuthSecret, runMain } from '@ketnap/engine';
import { createApiApp } from './bootstrap/create-app';

/** `npm start`: the HTTP API, and the worker in the same process unless KETNAP_WORKER=off. */
export async function start(): Promise<void> {
  const config = loadConfig();
  resolveAuthSecret(config); // created on first start; an unusable one fails here, in one line, before Nest starts
  const app = await createApiApp(config);
  closeOnSignals(app);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as { port: number };
  Logger.log(`ketnap listening on port ${port} (store ${config.eventStore}, data ${config.dataDir})`, 'ketnap');
}

runMain(start);
