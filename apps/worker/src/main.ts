import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EngineModule, WorkerModule, closeOnSignals, loadConfig, runMain, type KetnapConfig } from '@ketnap/engine';

/** The worker process: the engine and the {@link WorkerModule} (read-model runners, deadline saga), no HTTP. */
@Module({})
class WorkerAppModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return { module: WorkerAppModule, imports: [EngineModule.forRoot(config), CqrsModule.forRoot(), WorkerModule] };
  }
}

/** The worker alone (for scaled-out deployments): log consumers without the HTTP API. */
async function start(): Promise<void> {
  const config = { ...loadConfig(), worker: true };
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config));
  closeOnSignals(app);
  await app.init();
  Logger.log(`ketnap worker running (store ${config.eventStore})`, 'ketnap');
}

runMain(start);
