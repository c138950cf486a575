import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { closeOnSignals, createWorkerApp, loadConfig, runMain } from '@ketnap/engine';

/** The worker alone (for scaled-out deployments): log consumers without the HTTP API. */
async function start(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  closeOnSignals(app);
  Logger.log(`ketnap worker running (store ${config.eventStore})`, 'ketnap');
}

runMain(start);
