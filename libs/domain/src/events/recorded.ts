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
 * What stands for an event's personal part in a fold that leaves it out: no field of any person.
 * A state folded so serves dates and outcomes only; it never decides a command or shows a person.
 */
const LEFT_OUT = Object.freeze({});

/**
 * The event without its personal part (DESIGN.md §3): read models that only need dates and outcomes
 * never keep a copy of it, so erasing a person never has to touch them.
 */
export function withoutPersonal(e: RecordedDossierEvent): RecordedDossierEvent {
  if (!('personal' in e.data)) return e;
  // Copied field by field, never reading `personal`: a store may open it only when it is read.
  const fields = e.data as unknown as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const key in fields) data[key] = key === 'personal' ? LEFT_OUT : fields[key];
  return { ...e, data } as RecordedDossierEvent;
}
