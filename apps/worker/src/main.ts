import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  KetnapLogger,
  assertDataFilesLoad,
  assertRedisReachable,
  boundHeapGrowth,
  closeOnSignals,
  createWorkerApp,
  loadConfig,
  runMain,
} from '@ketnap/engine';

/** The worker alone (for scaled-out deployments): log consumers without the HTTP API. */
async function start(): Promise<void> {
  const signals = closeOnSignals();
  const config = loadConfig();
  Logger.overrideLogger(KetnapLogger.of(config));
  await assertRedisReachable({ ...config, worker: true });
  assertDataFilesLoad(config);
  const app = await createWorkerApp(config);
  signals.closeWith(app);
  Logger.log(`ketnap worker running (store ${config.eventStore})`, 'ketnap');
}

boundHeapGrowth();
runMain(start);
