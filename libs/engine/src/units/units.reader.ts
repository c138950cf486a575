import { Inject, Injectable } from '@nestjs/common';
import { UNITS_STREAM, decodeEvent, emptyCatalog, foldCatalog, type UnitCatalog } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { ActorScope, type ScopedActor } from '../auth/actor-scope';

/**
 * Reads the unit catalog from its stream. Every write and scoped read needs it, so the folded catalog
 * is kept and only the events recorded since (by this or another process) are read and folded again.
 */
@Injectable()
export class UnitsReader {
  private folded: { version: number; catalog: UnitCatalog } = { version: 0, catalog: emptyCatalog() };

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async catalog(): Promise<UnitCatalog> {
    const version = (await this.store.streamVersion(UNITS_STREAM)) ?? 0;
    const known = this.folded;
    if (version === known.version) return known.catalog;
    const events = await this.store.readStream(UNITS_STREAM, { fromVersion: known.version + 1, toVersion: version });
    const catalog = foldCatalog(known.catalog, events.map(decodeEvent));
    if (version > this.folded.version) this.folded = { version, catalog };
    return catalog;
  }

  /** The units `actor` acts for, over the catalog as it is now. */
  async scopeOf(actor: ScopedActor): Promise<ActorScope> {
    return ActorScope.of(actor, await this.catalog());
  }
}
