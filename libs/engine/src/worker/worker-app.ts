import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { KetnapConfig } from '../config/config';
import { EngineModule } from '../engine.module';
import { KetnapLogger } from '../logging/ketnap-logger';
import { WorkerModule } from './worker.module';

/** The worker alone: the engine and the {@link WorkerModule} (read-model runners, deadline saga), no HTTP. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return { module: WorkerAppModule, imports: [EngineModule.forRoot(config), CqrsModule.forRoot(), WorkerModule] };
  }
}

/**
 * Starts the worker (`npm run worker`'s process, or the thread `npm start` runs it in): the read
 * models catch up, the deadline saga and its sweep run, checkpoints are taken on their interval.
 */
export async function createWorkerApp(config: KetnapConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot({ ...config, worker: true }), {
    logger: KetnapLogger.of(config),
  });
  await app.init();
  return app;
}
