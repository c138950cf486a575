import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { CLOCK, ManualClock, SystemClock } from './clock/clock';
import type { KetnapConfig } from './config/config';
import { KETNAP_CONFIG } from './config/config.token';
import { ConsumerRegistry } from './consumers/consumer-registry';
import { eventStoreProvider } from './store/event-store.provider';
import { CALENDAR, calendarProvider } from './calendar/calendar.provider';
import { DossierService } from './dossiers/dossier.service';
import { UnitsReader } from './units/units.reader';

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
        {
          provide: CLOCK,
          useValue: config.clock === 'manual' ? new ManualClock(config.startAt ?? new Date()) : new SystemClock(),
        },
        eventStoreProvider,
        calendarProvider,
        ConsumerRegistry,
        DossierService,
        UnitsReader,
      ],
      exports: [KETNAP_CONFIG, CLOCK, EVENT_STORE, CALENDAR, ConsumerRegistry, DossierService, UnitsReader],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
