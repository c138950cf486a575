import {
  addDays,
  compareDates,
  daysBetween,
  decodeEvent,
  evolve,
  initialState,
  legalDateOf,
  obligationsOf,
  recordedOf,
  type DossierCommand,
  type DossierState,
  type LocalDate,
  type Obligation,
} from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import {
  type DeadlineHarness,
  BASE_BRANCH_ON,
  dossierIdOf,
  step,
  stepsThrough,
  writeDossier,
} from '@ketnap/engine/testing';
import { countByKey, forEachScheduler, sagaSuite, wholeLog } from './support/saga-support';

const COUNT = 500;
const office = { actor: { sub: 'office-1', role: 'office', unitIds: ['chi-bo-thon-dong-lac'] } };
/** The next main-line step that meets each escalating obligation. */
const MEETS = {
  'admission-decision': 'RecordAdmissionDecision',
  'admission-ceremony': 'HoldCeremony',
  'recognition-review': 'RecordRecognitionReview',
  'recognition-decision': 'RecordRecognitionDecision',
} as const;
const FIELD = {
  RecordAdmissionDecision: 'decidedOn',
  HoldCeremony: 'heldOn',
  RecordRecognitionReview: 'meetingOn',
  RecordRecognitionDecision: 'decidedOn',
} as const;

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const keyOf = (id: string, o: Pick<Obligation, 'obligation' | 'dueOn'>) => `${id}_${o.obligation}_${o.dueOn}`;
const between = (rand: () => number, from: LocalDate, to: LocalDate) =>
  addDays(from, Math.floor(rand() * (daysBetween(from, to) + 1)));

forEachScheduler('the manual clock jumps over 18 months with 500 dossiers in flight', (setup) => {
  let h: DeadlineHarness;
  const suite = sagaSuite(setup);
  const ids = Array.from({ length: COUNT }, (_, i) => dossierIdOf(i, 11));
  const rand = random(20240102);
  const today = () => legalDateOf(h.clock.now());
  const stateOf = async (id: string) =>
    (await h.store.readStream(`dossier-${id}`)).reduce(
      (s: DossierState, e) => evolve(s, recordedOf(decodeEvent(e))!),
      initialState(),
    );

  /** The next step of a dossier, dated on time or late (when today allows), and whether it is on time. */
  function nextStep(
    state: DossierState,
  ): { commands: DossierCommand[]; obligation: Obligation; onTime: boolean } | undefined {
    const o = obligationsOf(state, calendar, { today: today() }).find(
      (x) => x.escalates && (x.status === 'open' || x.status === 'breached'),
    );
    if (!o) return undefined;
    const type = MEETS[o.obligation as keyof typeof MEETS];
    const earliest = [
      state.lastStepOn ?? o.startedOn,
      o.obligation === 'recognition-review' ? addDays(o.startedOn, 1) : o.startedOn,
    ].sort(compareDates)[1];
    const lastOnTime = [o.dueOn, today()].sort(compareDates)[0];
    const canBeLate = compareDates(addDays(o.dueOn, 1), today()) <= 0 && compareDates(earliest, today()) <= 0;
    const onTime = compareDates(earliest, lastOnTime) <= 0 && (!canBeLate || rand() < 0.6);
    if (!onTime && !canBeLate) return undefined;
    const date = onTime
      ? between(rand, earliest, lastOnTime)
      : between(rand, [addDays(o.dueOn, 1), earliest].sort(compareDates)[1], today());
    const extra = type === 'RecordAdmissionDecision' ? { receivedOn: undefined } : {};
    // The recognition decision needs the committee's resolution on recognition (step 15) first: same day.
    const resolution =
      type === 'RecordRecognitionDecision' && !state.recognitionResolution
        ? [step('RecordRecognitionResolution', 0, { adoptedOn: date })]
        : [];
    return { commands: [...resolution, step(type, 0, { [FIELD[type]]: date, ...extra })], obligation: o, onTime };
  }

  beforeAll(async () => {
    h = await suite.start('2024-01-02T02:00:00Z');
    for (const [i, id] of ids.entries()) {
      const shift = daysBetween(BASE_BRANCH_ON, addDays('2023-09-01', Math.floor(rand() * 110)));
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution', shift), h.clock.now());
      for (let more = Math.floor(rand() * 3); more > 0; more -= 1) {
        const next = nextStep(await stateOf(id));
        for (const command of next?.commands ?? []) await h.dossiers.execute(id, command, office);
      }
      if (i % 100 === 99) await h.settle();
    }
    await h.settle();
  }, 300_000);

  it('records every breach exactly once, withdraws those back-filled on time, and none for an obligation met on time', async () => {
    const jump = await h.jump.set(new Date('2025-07-02T02:00:00Z'));
    expect(jump.breached).toBeGreaterThan(COUNT / 2);
    const withdrawnExpected = new Set<string>();
    for (let round = 0; round < 3; round += 1) {
      for (const id of ids) {
        if (rand() < 0.4) continue;
        const next = nextStep(await stateOf(id));
        if (!next) continue;
        if (next.onTime && next.obligation.status === 'breached') withdrawnExpected.add(keyOf(id, next.obligation));
        for (const command of next.commands) await h.dossiers.execute(id, command, office);
      }
      await h.settle();
    }
    await h.jump.set(new Date('2025-08-01T02:00:00Z'));

    const late = new Set<string>();
    for (const id of ids) {
      for (const o of obligationsOf(await stateOf(id), calendar, { today: today() }).filter((x) => x.escalates)) {
        if (o.status === 'breached' || o.status === 'met-late') late.add(keyOf(id, o));
      }
    }
    const log = await wholeLog(h.store);
    const breached = countByKey(log, 'DeadlineBreached');
    const withdrawn = countByKey(log, 'DeadlineBreachWithdrawn');
    expect(withdrawnExpected.size).toBeGreaterThan(10);
    expect(new Set(withdrawn.keys())).toEqual(withdrawnExpected);
    expect([...withdrawn.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(breached.keys())).toEqual(new Set([...late, ...withdrawnExpected]));
    expect([...breached.values()].every((n) => n === 1)).toBe(true);

    const opened = countByKey(log, 'InspectionCaseOpened');
    const caseWithdrawn = countByKey(log, 'InspectionCaseWithdrawn');
    expect(opened).toEqual(breached);
    expect(caseWithdrawn).toEqual(withdrawn);
  }, 600_000);
});
