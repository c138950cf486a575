import { Global, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { TIMER_SCHEDULER, type TimerScheduler } from '@ketnap/scheduling';
import { CLOCK, ManualClock } from '../clock/clock';
import { loadConfig, type KetnapConfig } from '../config/config';
import { DossierService } from '../dossiers/dossier.service';
import { EngineModule } from '../engine.module';
import { ClockJumpService } from '../deadlines/clock-jump.service';
import { DeadlineSagaConsumer } from '../deadlines/deadline-saga.consumer';
import { DeadlineSweep } from '../deadlines/deadline-sweep';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { READ_MODELS_SYNC, type ReadModelsSync } from '../deadlines/deadlines.tokens';
import { SAGA_HOOKS, type SagaHooks } from '../deadlines/saga-hooks';
import { TestDeadlineReadModelsModule } from './deadline-read-models.testing';

export interface HarnessOptions {
  dataDir: string;
  startAt: string;
  /** Set: BullMQ timers on this Redis, under `redisPrefix`. */
  redisUrl?: string;
  redisPrefix?: string;
  hooks?: SagaHooks;
  env?: Record<string, string>;
}

/** The engine, the two deadline read models and the deadline saga in one Nest context, on a manual clock. */
export interface DeadlineHarness {
  app: INestApplicationContext;
  config: KetnapConfig;
  store: EventStore;
  dossiers: DossierService;
  clock: ManualClock;
  jump: ClockJumpService;
  sweep: DeadlineSweep;
  consumer: DeadlineSagaConsumer;
  scheduler: TimerScheduler;
  readModels: ReadModelsSync;
  /** Waits until the saga and the read models have handled the whole log. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

@Global()
@Module({})
class HooksModule {
  static forRoot(hooks: SagaHooks): DynamicModule {
    return { module: HooksModule, providers: [{ provide: SAGA_HOOKS, useValue: hooks }], exports: [SAGA_HOOKS] };
  }
}

@Module({})
class HarnessModule {
  static forRoot(config: KetnapConfig, hooks: SagaHooks): DynamicModule {
    return {
      module: HarnessModule,
      imports: [
        EngineModule.forRoot(config),
        TestDeadlineReadModelsModule.forRoot(config),
        HooksModule.forRoot(hooks),
        DeadlinesModule,
      ],
    };
  }
}

export async function startDeadlineHarness(options: HarnessOptions): Promise<DeadlineHarness> {
  const config = loadConfig({
    KETNAP_DATA_DIR: options.dataDir,
    KETNAP_CLOCK: 'manual',
    KETNAP_START_AT: options.startAt,
    KETNAP_SWEEP_INTERVAL_SECONDS: '3600',
    ...(options.redisUrl && { REDIS_URL: options.redisUrl, KETNAP_REDIS_PREFIX: options.redisPrefix ?? 'bull' }),
    ...options.env,
  });
  const app = await NestFactory.createApplicationContext(HarnessModule.forRoot(config, options.hooks ?? {}), {
    logger: ['error'],
  });
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  const consumer = app.get(DeadlineSagaConsumer);
  const readModels = app.get<ReadModelsSync>(READ_MODELS_SYNC);
  const settle = async () => {
    for (let head = await store.headPosition(); ;) {
      await consumer.caughtUp(head);
      await readModels.caughtUp(head);
      const now = await store.headPosition();
      if (now === head) return;
      head = now;
    }
  };
  return {
    app,
    config,
    store,
    dossiers: app.get(DossierService),
    clock: app.get(CLOCK),
    jump: app.get(ClockJumpService),
    sweep: app.get(DeadlineSweep),
    consumer,
    scheduler: app.get(TIMER_SCHEDULER),
    readModels,
    settle,
    close: () => app.close(),
  };
}
