import type { StepEvent, StepEventType } from '../dossier/events';

/**
 * The fields of a step, besides the candidate's own, that name or describe a person, stored under the
 * event's `personal` part (DESIGN.md §3) so that a later release can encrypt and erase that part alone.
 * A field not listed here stays outside because no rule, deadline or count needs it to be personal:
 *
 * - `helpers` (name, party member id) and `approvedBy` name people; `notes` (background verification)
 *   and `summary` (opinions) describe the candidate.
 * - A `reason` written as free text (withdrawal, transfer, ceremony delay, decision deadline extension)
 *   is written about the candidate's case and often describes them (illness, family, a new job).
 * - An introducer's `name` is personal; their `kind`, `officialSince` and `knownSince` stay outside,
 *   in the same order, because the introducer rules read them (Party Charter Art. 4) and those rules
 *   must hold without the personal part.
 * - Left outside on purpose: `MembershipEnded.reason` (`removed` or `deceased`, a code that decides the
 *   dossier's stage and counts), document numbers (`certificateNo`, `decisionNo`, `resolutionNo`,
 *   `documentNo`: the party's own records), `issuer` (a training centre), unit ids, dates and counts.
 */
const STEP_PERSONAL_FIELDS: Partial<Record<StepEventType, readonly string[]>> = {
  HelpersAssigned: ['helpers'],
  ProbationHelpersAssigned: ['helpers'],
  BackgroundVerified: ['notes'],
  OpinionsCollected: ['summary'],
  DecisionDeadlineExtended: ['reason'],
  CeremonyDelayApproved: ['approvedBy', 'reason'],
  DossierTransferred: ['reason'],
  CandidateWithdrawn: ['reason'],
};

/** The step types whose data has a `personal` part; the nomination's holds the candidate (`CandidatePersonal`). */
export const hasPersonalPart = (type: StepEventType): boolean =>
  type === 'CandidateNominated' || type === 'IntroducersRecorded' || STEP_PERSONAL_FIELDS[type] !== undefined;

type Fields = Record<string, unknown>;

/** The names of the introducers, in order; the rest of each introducer stays in `introducers`. */
function splitIntroducers(value: unknown): { facts: unknown; names?: unknown } {
  if (!Array.isArray(value)) return { facts: value };
  const facts: unknown[] = [];
  const names: unknown[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) {
      facts.push(item);
      names.push({});
      continue;
    }
    const { name, ...rest } = item as Fields;
    facts.push(rest);
    names.push(name === undefined ? {} : { name });
  }
  return { facts, names };
}

/**
 * A step's fields as API.md names them (a command's data, or some of them: a correction's changes)
 * split into the fields stored outside and those stored under `personal`. The nomination's data is
 * built by its own step (`personal` is the `candidate`), so it is returned as it is.
 */
export function splitPersonal(type: StepEventType, fields: Fields): { plain: Fields; personal: Fields } {
  const personal: Fields = {};
  const plain: Fields = {};
  const listed = STEP_PERSONAL_FIELDS[type] ?? [];
  for (const [key, value] of Object.entries(fields)) {
    if (listed.includes(key)) personal[key] = value;
    else if (type === 'IntroducersRecorded' && key === 'introducers') {
      const { facts, names } = splitIntroducers(value);
      plain[key] = facts;
      if (names !== undefined) personal[key] = names;
    } else plain[key] = value;
  }
  return { plain, personal };
}

/** A step's data as it is stored: the personal fields of its type under `personal`. */
export function toStoredData(type: StepEventType, data: Fields): Fields {
  if (type === 'CandidateNominated' || !hasPersonalPart(type)) return data;
  const { plain, personal } = splitPersonal(type, data);
  return { ...plain, personal };
}

/**
 * A stored step's data as API.md shows it (`GET /dossiers/{id}` steps, the shape a correction is
 * checked against): the fields of `personal` back in their place. The nomination's `personal` is the
 * candidate, shown apart, and is returned as stored.
 */
export function toApiData(type: StepEventType, data: Fields): Fields {
  if (type === 'CandidateNominated' || !hasPersonalPart(type)) return data;
  const view: Fields = {};
  for (const key in data) if (key !== 'personal') view[key] = data[key];
  const personal = (data.personal ?? {}) as Fields;
  for (const key in personal) {
    if (type === 'IntroducersRecorded' && key === 'introducers') continue;
    view[key] = personal[key];
  }
  if (type === 'IntroducersRecorded' && Array.isArray(data.introducers)) {
    const names = Array.isArray(personal.introducers) ? (personal.introducers as unknown[]) : [];
    view.introducers = data.introducers.map((facts: unknown, i) => {
      const name = (names[i] as Fields | undefined)?.name;
      if (typeof facts !== 'object' || facts === null) return facts;
      const { kind, ...rest } = facts as Fields;
      return name === undefined ? facts : { kind, name, ...rest };
    });
  }
  return view;
}

/** A step's event from its data as API.md names it (see `buildStep`): its personal fields under `personal`. */
export const storedStep = (type: StepEventType, data: Fields): StepEvent =>
  ({ type, data: toStoredData(type, data) }) as StepEvent;
