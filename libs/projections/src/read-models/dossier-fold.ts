import { evolve, initialState, type DossierState, type RecordedDossierEvent } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';

/**
 * The event without the candidate's personal data (DESIGN.md §3): read models that only need dates
 * and outcomes never keep a copy of it, so erasing a person never has to touch them.
 */
export function withoutPersonal(e: EventEnvelope): RecordedDossierEvent {
  let data = e.data as Record<string, unknown>;
  if (e.type === 'CandidateNominated') data = { ...data, personal: {} };
  else if (e.type === 'StepCorrected' && 'personal' in data) {
    data = { ...data };
    delete data.personal;
  }
  return { type: e.type, data, eventId: e.eventId, recordedAt: e.metadata.recordedAt } as RecordedDossierEvent;
}

/** Folds one stored event into a dossier's state, personal data left out. */
export const foldDossierEvent = (state: DossierState | undefined, e: EventEnvelope): DossierState =>
  evolve(state ?? initialState(), withoutPersonal(e));
