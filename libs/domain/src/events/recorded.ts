import type { RecordedDossierEvent } from '../dossier/events';
import type { Decoded, StoredEvent } from './decode-event';
import { isDossierEvent } from './domain-event';

/** A decoded event with what the dossier's fold reads of its envelope. */
type DecodedRecord = Decoded<StoredEvent & { eventId: string; metadata: { recordedAt: string } }>;

/**
 * A decoded event as the dossier's fold reads it (`evolve`): its type and data, its id and when it
 * was recorded. `undefined` for an event of another kind of stream, or of a type this release does not
 * know (a fold skips it).
 */
export function recordedOf(e: DecodedRecord): RecordedDossierEvent | undefined {
  if (!isDossierEvent(e)) return undefined;
  return { type: e.type, data: e.data, eventId: e.eventId, recordedAt: e.metadata.recordedAt } as RecordedDossierEvent;
}

/**
 * `e` with its data cut to `data`, some of its fields: for a fold that reads only those (a dossier's
 * obligations, `obligationEventOf`), so that a read model can keep thousands of dossiers folded. Its
 * envelope keeps the type and the id only. Such a record serves that fold and nothing else.
 */
export function cutRecord(
  e: Pick<RecordedDossierEvent, 'type' | 'eventId'>,
  data: Readonly<Record<string, unknown>>,
): RecordedDossierEvent {
  return { type: e.type, eventId: e.eventId, data } as RecordedDossierEvent;
}
