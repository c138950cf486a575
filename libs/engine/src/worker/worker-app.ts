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
 * Dossiers the worker keeps folded, whatever `KETNAP_DOSSIER_CACHE` says: it writes only the saga's
 * breaches and withdrawals, each on a dossier the saga has just read whole, and catching up with the log
 * touches every dossier in turn, so a large cache there holds states it never writes again (1024 of
 * them, about 16 MiB of the worker's heap, after catching up with 1,000,000 events).
 */
export const WORKER_DOSSIER_CACHE = 64;

/**
 * Starts the worker (`npm run worker`'s process, or the thread `npm start` runs it in): the read
 * models catch up, the deadline saga and its sweep run, checkpoints are taken on their interval.
 */
export async function createWorkerApp(config: KetnapConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerAppModule.forRoot({
      ...config,
      worker: true,
      dossierCache: Math.min(config.dossierCache, WORKER_DOSSIER_CACHE),
    }),
    {
      logger: KetnapLogger.of(config),
    },
  );
  await app.init();
  return app;
}
