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
