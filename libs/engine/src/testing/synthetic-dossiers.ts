import {
  addDays,
  decide,
  dossierStreamId,
  eventLegalDate,
  evolve,
  fieldsOf,
  initialState,
  type DossierCommand,
  type LocalDate,
  type RecordedDossierEvent,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import type { EventStore } from '@ketnap/event-store';
import { FIXTURE_UNITS, command, directoryOf, MAIN_LINE, type MainStep } from '@ketnap/domain/testing';
import { ruleSetMetadata } from '../dossiers/dossier.service';
import { builtInRuleSets } from '../rules/rule-sets.provider';

/** The date fields of each main-line command, moved together by {@link stepsThrough}. */
const DATE_FIELDS: Record<MainStep, string[]> = {
  NominateCandidate: ['nominatedOn'],
  AssignHelpers: ['assignedOn'],
  RecordTraining: ['issuedOn'],
  SubmitApplication: ['submittedOn'],
  RecordBackgroundVerification: ['completedOn'],
  RecordIntroducers: ['recordedOn'],
  CollectOpinions: ['collectedOn'],
  RecordBranchResolution: ['meetingOn'],
  RecordCommitteeResolution: ['adoptedOn'],
  RecordAdmissionDecision: ['decidedOn', 'receivedOn'],
  HoldCeremony: ['heldOn'],
  RecordRecognitionReview: ['meetingOn'],
  RecordRecognitionResolution: ['adoptedOn'],
  RecordRecognitionDecision: ['decidedOn'],
};

/** The happy-path dossier's branch resolution (DOMAIN.md §3 worked example: admission decision due 2024-06-04). */
export const BASE_BRANCH_ON = '2024-03-07';

/**
 * The happy-path commands up to `through`, every date moved by `shift` days, with some fields given
 * (`{ RecordAdmissionDecision: { decidedOn: '2024-06-05' } }`; `receivedOn: undefined` removes it).
 */
export function stepsThrough(
  through: MainStep,
  shift = 0,
  overrides: Partial<Record<MainStep, Record<string, unknown>>> = {},
): DossierCommand[] {
  return MAIN_LINE.slice(0, MAIN_LINE.indexOf(through) + 1).map((type) => step(type, shift, overrides[type]));
}

/** One main-line command, its dates moved by `shift` days, some fields given. */
export function step(type: MainStep, shift = 0, given: Record<string, unknown> = {}): DossierCommand {
  const happy = fieldsOf(command(type));
  const moved = Object.fromEntries(
    DATE_FIELDS[type]
      .filter((f) => typeof happy[f] === 'string')
      .map((f) => [f, addDays(happy[f] as LocalDate, shift)]),
  );
  const data = { ...happy, ...moved, ...given };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return { type, data } as DossierCommand;
}

/**
 * Writes a new dossier in one append, deciding every command in memory as the write path would
 * (same checks, same metadata): fast enough to create thousands of dossiers for a test.
 */
const BUILT_IN = builtInRuleSets();

export async function writeDossier(
  store: EventStore,
  calendar: WorkingDayCalendar,
  id: string,
  commands: readonly DossierCommand[],
  now: Date,
): Promise<void> {
  const actor = { sub: 'office-1', role: 'office', unitIds: [] };
  let state = initialState();
  const events: RecordedDossierEvent[] = [];
  for (const c of commands) {
    for (const e of decide(c, state, { now, actor, calendar, units: directoryOf(FIXTURE_UNITS) })) {
      const recorded: RecordedDossierEvent = { ...e, eventId: `${id.slice(0, 8)}-${events.length}-${id}` };
      events.push(recorded);
      state = evolve(state, recorded);
    }
  }
  await store.append(
    dossierStreamId(id),
    events.map((e) => ({
      type: e.type,
      data: e.data,
      metadata: { actor, occurredOn: eventLegalDate(e), ...ruleSetMetadata(e, BUILT_IN) },
    })),
    { expectedVersion: 'no-stream' },
  );
}

/** A dossier id (a UUID) numbered `n`, so that a test can tell its dossiers apart. */
export const dossierIdOf = (n: number, group = 0): string =>
  `${String(group).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
