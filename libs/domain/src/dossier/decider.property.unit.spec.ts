import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { obligationEventOf } from '../obligations/obligation-events';
import { obligationsOf } from '../obligations/obligations';
import { recorded } from '../testing/decider-spec';
import { calendar, command, contextOn, MAIN_LINE, member, youthUnionExecutive } from '../testing/fixtures';
import { addDays, compareDates, fullYears } from '../time/local-date';
import { EDUCATION_LEVELS, type ConsentGround, type DossierCommand, type EducationLevel } from './commands';
import { decide } from './decide';
import type { DossierEvent, RecordedDossierEvent } from './events';
import { evolve, evolveAll } from './evolve';
import { consentCovers } from './rules/consent.rule';
import { introducerPath } from './rules/introducers.rule';
import { initialState, type DossierState } from './state';

const ctx = contextOn('2027-12-31');
const ALL_TYPES = [
  ...MAIN_LINE,
  'ExtendDecisionDeadline',
  'ApproveCeremonyDelay',
  'WithdrawCandidate',
  'AssignProbationHelpers',
  'FileMemberProfile',
  'RecordNewMemberClass',
  'TransferDossier',
  'EndMembership',
  'CorrectStep',
  'RecordDeadlineBreach',
  'WithdrawDeadlineBreach',
] as const;
const DATE_FIELDS = [
  'nominatedOn',
  'assignedOn',
  'issuedOn',
  'submittedOn',
  'completedOn',
  'recordedOn',
  'collectedOn',
  'meetingOn',
  'adoptedOn',
  'decidedOn',
  'extendedOn',
  'heldOn',
  'approvedOn',
  'withdrawnOn',
  'filedOn',
  'transferredOn',
  'endedOn',
];
const BRANCHES = ['chi-bo-thon-dong-lac', 'chi-bo-lang-gia', 'b1', 'hoi-phu-nu'];

/** A slot of a generated history: the next main-line step, or any command, on a date after a gap. */
interface Slot {
  next: boolean;
  type: (typeof ALL_TYPES)[number];
  gap: number;
  votes: number;
  members: number;
  outcome: boolean;
  target: number;
  days: number;
  /** The candidate: education, Youth Union membership and birth date (youth age, middle age, over 60). */
  education: EducationLevel;
  youth: boolean | undefined;
  born: string;
  /** Introducers: 0–3 the path that fits the candidate, 4 two members, 5 the trade union. */
  route: number;
  /** Provincial consent on the branch resolution: 0–1 none, 2 no grounds, 3 age, 4 education, 5 both. */
  consent: number;
}

const CONSENT_GROUNDS: (ConsentGround[] | undefined)[] = [
  undefined,
  undefined,
  undefined,
  ['age'],
  ['education'],
  ['age', 'education'],
];

const slot: fc.Arbitrary<Slot> = fc.record({
  next: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  type: fc.constantFrom(...ALL_TYPES),
  gap: fc.integer({ min: 0, max: 120 }),
  votes: fc.integer({ min: -1, max: 16 }),
  members: fc.integer({ min: 0, max: 15 }),
  outcome: fc.boolean(),
  target: fc.integer({ min: 1, max: 30 }),
  days: fc.integer({ min: 0, max: 40 }),
  education: fc.constantFrom(...EDUCATION_LEVELS),
  youth: fc.constantFrom(true, true, false, undefined),
  born: fc.constantFrom('1996-05-10', '1996-05-10', '1985-03-03', '1960-01-01'),
  route: fc.integer({ min: 0, max: 5 }),
  consent: fc.integer({ min: 0, max: 5 }),
});

/** Introducers for the slot: mostly the path that fits the candidate, sometimes another one. */
function introducersOf(s: Slot, date: string, state: DossierState): Record<string, unknown> {
  const personal = state.nomination?.personal;
  const youth = personal?.youthUnionMember === true && fullYears(personal.birthDate, date) <= 30;
  const two = [member(), member({ name: 'Vi Thị Cúc' })];
  const introducers =
    s.route === 5
      ? [member(), { kind: 'trade-union', name: 'BCH Công đoàn' }]
      : s.route === 4 || !youth
        ? two
        : [youthUnionExecutive, member()];
  return { introducers, ...(s.route === 4 && s.outcome && { noYouthUnionBase: true }) };
}

/** The next main-line step for the dossier as it stands (undefined once it is closed). */
function nextStep(s: DossierState): (typeof MAIN_LINE)[number] | undefined {
  const done = [
    !s.exists,
    !s.helpers,
    !s.training,
    !s.application,
    s.background?.outcome !== 'passed',
    !s.introducers,
    !s.opinions,
    !s.branchResolution,
    !s.committeeResolution,
    !s.admission,
    !s.ceremony,
    !s.recognitionReview,
    !s.recognitionResolution,
    !s.recognitionDecision,
  ];
  const i = done.indexOf(true);
  return i < 0 || s.closedOn ? undefined : MAIN_LINE[i];
}

/** The command of a slot on `date`: `next` slots follow the procedure, others are any command. */
function commandOf(s: Slot, date: string, state: DossierState): DossierCommand {
  const type = (s.next && nextStep(state)) || s.type;
  const base = command(type).data as Record<string, unknown>;
  const data: Record<string, unknown> = { ...base };
  for (const field of DATE_FIELDS) if (field in data) data[field] = date;
  const members = 'officialMembers' in data ? 'officialMembers' : 'committeeMembers';
  if ('votesFor' in data)
    Object.assign(
      data,
      s.next && s.outcome
        ? { votesFor: s.members + 1, [members]: s.members + 1 }
        : { votesFor: s.votes, [members]: s.members },
    );
  if (type === 'NominateCandidate')
    data.candidate = {
      ...(data.candidate as object),
      educationLevel: s.education,
      youthUnionMember: s.youth,
      birthDate: s.born,
    };
  if (type === 'RecordIntroducers') Object.assign(data, introducersOf(s, date, state));
  if (type === 'RecordBranchResolution' && s.consent >= 2) {
    const grounds = CONSENT_GROUNDS[s.consent];
    data.provincialConsent = {
      documentNo: '1-CV/TU',
      givenOn: addDays(date, (s.days % 20) - 5),
      ...(grounds && { grounds }),
    };
  }
  const yes = s.outcome || s.target % 3 > 0;
  if (type === 'RecordAdmissionDecision')
    Object.assign(data, { outcome: yes ? 'admitted' : 'refused', receivedOn: addDays(date, s.days % 5) });
  if (type === 'RecordRecognitionDecision') data.outcome = yes ? 'official' : 'removed';
  if (type === 'ExtendDecisionDeadline') data.workingDays = s.days;
  if (type === 'TransferDossier') data.toBranchId = BRANCHES[s.target % BRANCHES.length];
  if (type === 'EndMembership') data.reason = s.outcome ? 'deceased' : 'removed';
  if (type === 'ApproveCeremonyDelay') data.newDueOn = addDays(date, s.days);
  if (type === 'CorrectStep')
    Object.assign(data, {
      eventId: s.votes % 4 === 0 ? 'e1' : `e${s.target}`,
      changes:
        s.votes % 4 === 0
          ? { educationLevel: s.education, youthUnionMember: s.youth ?? null }
          : s.outcome
            ? { meetingOn: date }
            : { votesFor: s.votes, heldOn: date },
      reason: 'r',
    });
  if (type === 'RecordDeadlineBreach')
    Object.assign(data, {
      obligation: 'admission-decision',
      dueOn: addDays(date, -s.days),
      breachedOn: date,
      workingDaysLate: s.days,
    });
  if (type === 'WithdrawDeadlineBreach')
    Object.assign(data, { obligation: 'admission-decision', dueOn: addDays(date, -s.days), reason: 'r' });
  return { type, data } as DossierCommand;
}

const garbage: fc.Arbitrary<unknown> = fc.record({
  type: fc.oneof(fc.constantFrom(...ALL_TYPES), fc.string()),
  data: fc.anything(),
});

interface History {
  start: string;
  slots: (Slot | { garbage: unknown })[];
}

const histories: fc.Arbitrary<History> = fc
  .tuple(
    fc.array(slot, { minLength: 5, maxLength: 45, size: 'max' }),
    fc.date({ min: new Date('2021-06-01'), max: new Date('2025-06-01'), noInvalidDate: true }),
    fc.array(garbage, { maxLength: 4 }),
  )
  .map(([slots, start, noise]) => {
    const all: History['slots'] = [...slots];
    noise.forEach((n, i) => all.splice((i * 7) % (all.length + 1), 0, { garbage: n }));
    return { start: start.toISOString().slice(0, 10), slots: all };
  });

/** Runs a history like the engine; every refusal must be a DomainError that changes nothing. */
function run(
  h: History,
  refusals: Set<string> = new Set(),
): { events: RecordedDossierEvent[]; states: DossierState[] } {
  let state = initialState();
  let date = h.start;
  const events: RecordedDossierEvent[] = [];
  const states = [state];
  for (const s of h.slots) {
    let c: DossierCommand;
    if ('garbage' in s) c = s.garbage as DossierCommand;
    else {
      date = addDays(date, s.next ? s.gap % 40 : s.gap);
      if (s.next && nextStep(state) === 'RecordRecognitionReview' && state.probationEndsOn)
        date = addDays(state.probationEndsOn, 1 + s.days);
      c = commandOf(s, date, state);
    }
    const before = JSON.stringify(state);
    let produced: DossierEvent[] = [];
    try {
      produced = decide(c, state, ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusals.add(error.code);
    }
    expect(JSON.stringify(state)).toBe(before);
    for (const e of produced) {
      const r = { ...e, eventId: `e${events.length + 1}` } as RecordedDossierEvent;
      events.push(r);
      state = evolve(state, r);
      states.push(state);
    }
  }
  return { events, states };
}

/** The eligibility rules hold in every state a history reaches, corrections included; `seen` names the cases met. */
function expectEligible(state: DossierState, seen: Set<string>): void {
  const personal = state.nomination?.personal;
  const branch = state.branchResolution;
  if (personal && branch) {
    const rank = (level: EducationLevel) => EDUCATION_LEVELS.indexOf(level);
    const consent = branch.provincialConsent;
    expect(rank(personal.educationLevel) >= rank('lower-secondary') || consentCovers(consent, 'education')).toBe(true);
    if (personal.educationLevel === 'primary') seen.add('literacy-proposed');
    if (fullYears(personal.birthDate, branch.meetingOn) > 60) {
      expect(consentCovers(consent, 'age')).toBe(true);
      seen.add('over-60-proposed');
    }
    if (state.admission?.outcome === 'admitted' && consent) {
      expect(compareDates(consent.givenOn, state.admission.decidedOn)).toBeLessThanOrEqual(0);
      seen.add('admitted-with-consent');
    }
  }
  const introducers = state.introducers;
  if (personal && introducers && introducerPath(introducers.introducers) === 'two-members') {
    const youth = personal.youthUnionMember === true && fullYears(personal.birthDate, introducers.recordedOn) <= 30;
    if (youth) expect(introducers.noYouthUnionBase).toBe(true);
    if (youth) seen.add('youth-without-base');
  }
}

describe('decider properties', () => {
  it('any command sequence only ever raises DomainError, a refused command leaves the state unchanged, and every state is eligible', () =>
    fc.assert(
      fc.property(histories, (h) => run(h).states.forEach((state) => expectEligible(state, new Set()))),
      { numRuns: 300 },
    ));

  it('the generated histories meet the eligibility rules, their refusals and each consented case (not vacuous)', () => {
    const refusals = new Set<string>();
    const seen = new Set<string>();
    fc.assert(
      fc.property(histories, (h) => run(h, refusals).states.forEach((state) => expectEligible(state, seen))),
      { numRuns: 300, seed: 7 },
    );
    expect([...refusals]).toEqual(
      expect.arrayContaining([
        'EDUCATION_BELOW_MINIMUM',
        'CONSENT_AFTER_DECISION',
        'INTRODUCER_NOT_ELIGIBLE',
        'AGE_OUT_OF_RANGE',
      ]),
    );
    expect([...seen].sort()).toEqual([
      'admitted-with-consent',
      'literacy-proposed',
      'over-60-proposed',
      'youth-without-base',
    ]);
  });

  it('replaying the events gives an identical state, also after a round trip through JSON', () =>
    fc.assert(
      fc.property(histories, (h) => {
        const { events, states } = run(h);
        const replayed = recorded(events).reduce(evolve, initialState());
        const stored = (JSON.parse(JSON.stringify(events)) as RecordedDossierEvent[]).reduce(evolve, initialState());
        expect(replayed).toEqual(states[states.length - 1]);
        expect(stored).toEqual(replayed);
      }),
      { numRuns: 200 },
    ));

  it('folding the events in batches of any size gives the state of folding them one by one, and leaves the state it starts from as it was', () =>
    fc.assert(
      fc.property(histories, fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 12 }), (h, sizes) => {
        const { events, states } = run(h);
        let state = initialState();
        for (let i = 0, k = 0; i < events.length; k += 1) {
          const n = sizes[k % sizes.length];
          state = evolveAll(state, events.slice(i, i + n));
          i += n;
        }
        expect(state).toEqual(states.at(-1));
        const half = Math.floor(events.length / 2);
        const before = JSON.stringify(states[half]);
        expect(evolveAll(states[half], events.slice(half))).toEqual(states.at(-1));
        expect(JSON.stringify(states[half])).toBe(before);
      }),
      { numRuns: 200 },
    ));

  it('every working-day due date is a working day after its start', () =>
    fc.assert(
      fc.property(histories, (h) => {
        for (const state of run(h).states) {
          for (const o of obligationsOf(state, calendar, { today: '2027-12-31' })) {
            if (!('workingDays' in o.period)) continue;
            expect(compareDates(o.dueOn, o.startedOn)).toBeGreaterThan(0);
            expect(calendar.isWorkingDay(o.dueOn)).toBe(true);
            for (const r of o.remindOn)
              expect(compareDates(r, o.startedOn) > 0 && compareDates(r, o.dueOn) < 0).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    ));

  it('the events cut to what obligations read give the obligations, branch and closing date of the whole dossier', () =>
    fc.assert(
      fc.property(histories, (h) => {
        const { events, states } = run(h);
        let cut = initialState();
        events.forEach((e, i) => {
          const kept = obligationEventOf(e);
          if (kept) cut = evolve(cut, kept);
          const whole = states[i + 1];
          for (const today of [undefined, '2026-06-30', '2027-12-31'])
            expect(obligationsOf(cut, calendar, { today })).toEqual(obligationsOf(whole, calendar, { today }));
          expect([cut.branchId, cut.closedOn]).toEqual([whole.branchId, whole.closedOn]);
        });
      }),
      { numRuns: 200 },
    ));

  it('the generated histories reach every stage (the properties are not vacuous)', () => {
    const stages = new Set<string>();
    fc.assert(
      fc.property(histories, (h) => {
        run(h).states.forEach((s) => s.stage && stages.add(s.stage));
      }),
      { numRuns: 300, seed: 42 },
    );
    expect([...stages].sort()).toEqual(
      [
        'admitted',
        'awaiting-decision',
        'awaiting-recognition',
        'ended',
        'in-preparation',
        'nominated',
        'official',
        'probation',
        'proposed',
        'refused',
        'removed',
        'withdrawn',
      ].sort(),
    );
  });
});
