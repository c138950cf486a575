import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import {
  EVENT_STORE,
  EventStoreDbEventStore,
  MemoryEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@ketnap/event-store';
import { CLOCK, type Clock } from '../clock/clock';
import { KETNAP_CONFIG } from '../config/config.token';
import type { KetnapConfig } from '../config/config';
import { withPersonalData, type PersonalKeys } from '../personal/personal-keys';
import { PERSONAL_KEYRING } from '../personal/personal-keys.token';

/** The file of the embedded store inside the data dir. */
export const sqlitePath = (config: KetnapConfig): string => join(config.dataDir, 'ketnap.db');

export function createEventStore(config: KetnapConfig, clock: Clock): EventStore {
  const now = () => clock.now();
  switch (config.eventStore) {
    case 'sqlite':
      return new SqliteEventStore({ path: sqlitePath(config), synchronous: config.sqliteSynchronous, clock: now });
    case 'memory':
      return new MemoryEventStore(now);
    case 'eventstoredb':
      if (!config.eventStoreUrl) throw new Error('EVENTSTORE_URL is required when KETNAP_EVENT_STORE=eventstoredb');
      return new EventStoreDbEventStore({ connectionString: config.eventStoreUrl, clock: now });
    case 'postgres':
      return new PostgresEventStore({ connectionString: config.databaseUrl, clock: now });
    default: {
      const never: never = config.eventStore;
      throw new Error(`unknown event store ${String(never)}`);
    }
  }
}

/** The engine's store: the configured one, with personal parts sealed by the keyring (DESIGN.md §9). */
export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [KETNAP_CONFIG, CLOCK, PERSONAL_KEYRING],
  useFactory: (config: KetnapConfig, clock: Clock, keys: PersonalKeys) =>
    withPersonalData(createEventStore(config, clock), keys.keyring),
};
