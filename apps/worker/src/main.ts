import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EngineModule, closeOnSignals, loadConfig, runMain } from '@ketnap/engine';

/** The worker alone (for scaled-out deployments): log consumers without the HTTP API. */
async function start(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(EngineModule.forRoot(config));
  closeOnSignals(app);
  await app.init();
  Logger.log(`ketnap worker running (store ${config.eventStore})`, 'ketnap');
}

runMain(start);
