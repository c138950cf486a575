import { UNKNOWN_EVENT, type DecodedEvent } from './domain-event';
import { EVENT_SCHEMAS, type EventSchema } from './event-schemas';

/** What the decoder reads of a stored event; the store's envelope has these fields and more (ids, metadata, hashes). */
export interface StoredEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  streamId?: string;
  streamVersion?: number;
}

/** A stored event with its type and data decoded, every other field as stored. */
export type Decoded<E extends StoredEvent> = Omit<E, 'type' | 'data'> & DecodedEvent;

/**
 * A stored event this release cannot read: its schema version is newer than the one this release
 * writes (a newer release wrote it), or not a version of the type at all. Reading on would fold it
 * wrongly, so the reader stops: upgrade before reading this store.
 */
export class EventSchemaError extends Error {
  override readonly name = 'EventSchemaError';

  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly knownVersion: number,
    where: string,
  ) {
    super(
      `cannot read ${eventType}${where}: its schema version is ${schemaVersion}, this release reads versions 1 to ${knownVersion}` +
        (schemaVersion > knownVersion ? '; a newer release wrote it, upgrade before reading this store' : ''),
    );
  }
}

type Step = (data: unknown) => unknown;

/**
 * The decoder of a set of event schemas (see `EVENT_SCHEMAS`, the one the system uses). It refuses a
 * schema whose version an upcaster chain does not reach, so a missing upcaster stops the start, not a read.
 */
export function eventDecoder(schemas: Readonly<Record<string, EventSchema>>) {
  const versions = new Map<string, number>();
  const chains = new Map<string, Step[]>();
  for (const [type, { version, upcasters = {} }] of Object.entries(schemas)) {
    const chain: Step[] = [];
    for (let from = 1; from < version; from += 1) {
      const upcaster = upcasters[from];
      if (upcaster === undefined)
        throw new Error(`${type} is at schema version ${version} but has no upcaster from version ${from}`);
      chain[from] = upcaster as Step;
    }
    versions.set(type, version);
    chains.set(type, chain);
  }

  /**
   * The stored event as this release reads it: its data brought to the current schema version by the
   * upcasters of its type, one version after the other. The store's data is trusted: an event at the
   * current version is returned as it is (no copy, no check). A type this release does not know
   * becomes an {@link UnknownEvent}, which consumers skip.
   * @throws EventSchemaError for a schema version newer than the one this release writes.
   */
  return function decodeEvent<E extends StoredEvent>(stored: E): Decoded<E> {
    const current = versions.get(stored.type);
    if (current === undefined) return { ...stored, type: UNKNOWN_EVENT, storedType: stored.type };
    const from = stored.schemaVersion;
    if (from === current) return stored as unknown as Decoded<E>;
    if (!Number.isInteger(from) || from < 1 || from > current) {
      const where = stored.streamId === undefined ? '' : ` (${stored.streamId} version ${stored.streamVersion})`;
      throw new EventSchemaError(stored.type, from, current, where);
    }
    const chain = chains.get(stored.type)!;
    let data = stored.data;
    for (let version = from; version < current; version += 1) data = chain[version](data);
    return { ...stored, schemaVersion: current, data } as unknown as Decoded<E>;
  };
}

/** The one decoder from a stored event to a typed domain event (DESIGN.md §6). */
export const decodeEvent = eventDecoder(EVENT_SCHEMAS);
