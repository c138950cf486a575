import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import {
  KetnapLogger,
  assertPortFree,
  assertDataFilesLoad,
  boundHeapGrowth,
  assertRedisReachable,
  authSecretPath,
  closeOnSignals,
  loadConfig,
  resolveAuthSecret,
  runMain,
} from '@ketnap/engine';
import { createApiApp } from './bootstrap/create-app';
import { WorkerLink } from './worker-thread/worker-link';

/**
 * `npm start`: the HTTP API, and the worker in the same process unless KETNAP_WORKER=off: in a thread
 * of its own, so the read models and the saga work on the other core and never hold up a request (in
 * the API's thread with the memory store, which a thread could not share).
 */
export async function start(): Promise<void> {
  const signals = closeOnSignals();
  const config = loadConfig();
  Logger.overrideLogger(KetnapLogger.of(config));
  // A port in use or a Redis that does not answer stops the start here, before the data dir is touched.
  await assertPortFree(config.port, config.host);
  await assertRedisReachable(config);
  assertDataFilesLoad(config); // a bad calendar or rule set file stops the start here, naming it
  const generated = !config.authSecret && !existsSync(authSecretPath(config));
  resolveAuthSecret(config); // created on first start; an unusable one fails here, in one line, before Nest starts
  const inThread = config.worker && config.eventStore !== 'memory';
  const link = inThread ? await WorkerLink.start(config) : undefined;
  const app = await createApiApp(inThread ? { ...config, worker: false } : config, link);
  signals.closeWith(app);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://localhost:${port}`;
  const where = ['0.0.0.0', '::'].includes(config.host) ? 'every address of this machine' : config.host;
  Logger.log(
    `listening on port ${port}: ${url} (on ${where}; store ${config.eventStore}, data ${config.dataDir})`,
    'ketnap',
  );
  Logger.log(`API documentation: ${url}/docs (OpenAPI document: ${url}/docs-json)`, 'ketnap');
  if (generated) {
    Logger.log(
      `AUTH_SECRET unset: generated a signing secret into ${authSecretPath(config)} (ketnap token uses it)`,
      'ketnap',
    );
  }
}

boundHeapGrowth();

runMain(start);
