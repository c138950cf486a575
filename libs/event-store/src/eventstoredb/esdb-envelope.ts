import type { JSONEventData, JSONType, Position, RecordedEvent } from '@eventstore/db-client';
import type { EventEnvelope, EventMetadata } from '../event-store.port';
import { canonicalJson } from '../hash-chain';
import type { ChainLink } from '../verify';
import { EventStoreDbError } from './esdb-errors';
import { esdbEventIdOf, streamIdOf } from './esdb-names';
import { globalPositionOf } from './esdb-positions';
import { versionOfRevision } from './esdb-revisions';

/**
 * What ketnap keeps in an EventStoreDB event's metadata: its own metadata whole, and the envelope's
 * fields EventStoreDB has no place for. The stream version is the event's revision + 1 and the type
 * is the event's type, so neither is kept twice.
 */
export interface StoredMetadata {
  eventId: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
  metadata: EventMetadata;
}

/** A sealed event as ketnap stores it, before the log gives it a position. */
export type SealedEnvelope = Omit<EventEnvelope, 'globalPosition'>;

/**
 * The EventStoreDB event of a sealed envelope: `application/json`, so the server's UI and projections
 * read it. The data goes as its JSON value (the client writes it out); the hash covers the canonical
 * JSON of that value, which reads back the same whatever order the client wrote the keys in. The
 * metadata is written as the canonical JSON bytes themselves.
 */
export function toEsdbEvent(event: SealedEnvelope): JSONEventData {
  const stored: StoredMetadata = {
    eventId: event.eventId,
    schemaVersion: event.schemaVersion,
    prevHash: event.prevHash,
    hash: event.hash,
    metadata: event.metadata,
  };
  return {
    id: esdbEventIdOf(event.eventId),
    contentType: 'application/json',
    type: event.type,
    data: (event.data ?? null) as JSONType,
    metadata: new Uint8Array(Buffer.from(canonicalJson(stored), 'utf8')),
  };
}

/** The stored metadata as read, or what of it is there: a part that is missing or altered shows as a broken link in `verify`. */
function storedMetadataOf(metadata: unknown): Partial<StoredMetadata> {
  return metadata !== null && typeof metadata === 'object' && !(metadata instanceof Uint8Array)
    ? (metadata as Partial<StoredMetadata>)
    : {};
}

/**
 * The envelope of an event read from EventStoreDB (from its stream or from `$all`).
 * @throws EventStoreDbError when the server gave no log position (EventStoreDB before 22.10 on a stream read)
 */
export function fromEsdbEvent(prefix: string, event: RecordedEvent): EventEnvelope {
  const position: Position | undefined = event.position;
  if (!position) {
    throw new EventStoreDbError(
      'unsupported',
      `EventStoreDB returned ${event.streamId} without its log position: ketnap needs EventStoreDB 22.10 or newer`,
    );
  }
  const stored = storedMetadataOf(event.metadata);
  return {
    eventId: stored.eventId ?? event.id,
    streamId: streamIdOf(prefix, event.streamId),
    streamVersion: versionOfRevision(event.revision),
    globalPosition: globalPositionOf(position),
    type: event.type,
    schemaVersion: stored.schemaVersion ?? 1,
    data: event.isJson ? event.data : Buffer.from(event.data).toString('utf8'),
    metadata: stored.metadata ?? ({} as EventMetadata),
    prevHash: stored.prevHash ?? '',
    hash: stored.hash ?? '',
  };
}

/** The link the next event of a stream chains to, from the stream's last event. */
export function chainLinkOf(event: RecordedEvent): ChainLink {
  return { version: versionOfRevision(event.revision), hash: storedMetadataOf(event.metadata).hash ?? '' };
}
