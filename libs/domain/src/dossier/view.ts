import { fieldOf, fieldsOf } from '../events/event-data';
import type { CandidatePersonal } from './commands';
import { hasPersonalPart, toApiData } from '../events/personal-part';
import type { DossierState } from './state';
import { EVENT_STEPS } from './steps';

export type StepView = Record<string, unknown> & { eventId: string; recordedAt?: string; corrected: boolean };

/**
 * The steps as `GET /dossiers/{id}` shows them: the latest record of each step name, with its
 * corrected data, `eventId` and `recordedAt`. A step's personal fields are back where API.md shows
 * them; the candidate's are left out (see `candidateOf`).
 */
export function stepsOf(state: DossierState): Record<string, StepView> {
  const steps: Record<string, StepView> = {};
  for (const r of state.records) {
    const { type } = r.event;
    const data = hasPersonalPart(type) ? toApiData(type, fieldsOf(r.event)) : r.event.data;
    // A plain copy: object rest (`{ personal, ...rest }`) takes V8's slow path, on every read.
    const view = {} as StepView;
    for (const key in data) if (key !== 'personal') view[key] = fieldOf({ data }, key);
    view.eventId = r.eventId;
    view.corrected = r.correctedBy.length > 0;
    if (r.recordedAt !== undefined) view.recordedAt = r.recordedAt;
    steps[EVENT_STEPS[r.event.type]] = view;
  }
  return steps;
}

/** The candidate as `GET /dossiers/{id}` shows it once the personal data was erased: every field null. */
export type ErasedCandidate = { [K in keyof CandidatePersonal]-?: null };

const ERASED_CANDIDATE: ErasedCandidate = {
  fullName: null,
  birthDate: null,
  gender: null,
  ethnicity: null,
  religion: null,
  educationLevel: null,
  occupation: null,
  youthUnionMember: null,
  residence: null,
};

/** The candidate's personal data as corrected (DESIGN.md §3: sensitive); every field null once erased. */
export function candidateOf(state: DossierState): CandidatePersonal | ErasedCandidate | undefined {
  const personal = state.nomination?.personal;
  return personal === null ? { ...ERASED_CANDIDATE } : personal;
}
