import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { UNITS_STREAM, emptyCatalog, evolveCatalog, type UnitCatalog } from './unit-catalog';

/** Reads the unit catalog from its stream (small: it is folded on each read). */
@Injectable()
export class UnitsReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async catalog(): Promise<UnitCatalog> {
    const events = await this.store.readStream(UNITS_STREAM);
    return events.reduce(evolveCatalog, emptyCatalog());
  }
}
