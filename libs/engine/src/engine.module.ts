import { isMainThread } from 'node:worker_threads';
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { CLOCK, ManualClock, SystemClock } from './clock/clock';
import type { KetnapConfig } from './config/config';
import { KETNAP_CONFIG } from './config/config.token';
import { ConsumerRegistry } from './consumers/consumer-registry';
import { eventStoreProvider } from './store/event-store.provider';
import { PERSONAL_KEYRING, personalKeysProvider } from './personal/personal-keys';
import { CALENDAR, calendarProvider } from './calendar/calendar.provider';
import { RULES, ruleSetsProvider } from './rules/rule-sets.provider';
import { DossierService } from './dossiers/dossier.service';
import { UnitsReader } from './units/units.reader';

function clockOf(config: KetnapConfig): ManualClock | SystemClock {
  // Said once, by the main thread (the worker's thread gets the same configuration).
  if (config.demoClockFile && isMainThread) {
    new Logger('ketnap').log(
      `demo data dir: the manual clock starts at ${config.startAt!.toISOString()}, the end of the demo's year ` +
        `(${config.demoClockFile}); a fresh KETNAP_DATA_DIR, or KETNAP_CLOCK=system, runs on today's date`,
    );
  }
  return config.clock === 'manual' ? new ManualClock(config.startAt ?? new Date()) : new SystemClock();
}

/**
 * The one place where ports meet adapters: configuration, clock and event store, bound from the
 * environment. Both apps import it once.
 */
@Global()
@Module({})
export class EngineModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: KetnapConfig): DynamicModule {
    return {
      module: EngineModule,
      providers: [
        { provide: KETNAP_CONFIG, useValue: config },
        { provide: CLOCK, useFactory: () => clockOf(config) },
        personalKeysProvider,
        eventStoreProvider,
        calendarProvider,
        ruleSetsProvider,
        ConsumerRegistry,
        DossierService,
        UnitsReader,
      ],
      exports: [
        KETNAP_CONFIG,
        CLOCK,
        EVENT_STORE,
        PERSONAL_KEYRING,
        CALENDAR,
        RULES,
        ConsumerRegistry,
        DossierService,
        UnitsReader,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
