import type { RecordedDossierEvent } from '../dossier/events';
import { evolveAll } from '../dossier/evolve';
import { initialState } from '../dossier/state';
import { RULE_SETS, type RuleSet } from '../rules/rule-sets';
import { calendar, eventsThrough } from '../testing/fixtures';
import { obligationEventOf } from './obligation-events';
import { obligationsOf } from './obligations';

const cut = (events: readonly RecordedDossierEvent[]): RecordedDossierEvent[] =>
  events.flatMap((e) => obligationEventOf(e) ?? []);

/** The event with a personal part that fails when read (a store opens it only when it is read). */
function guarded(e: RecordedDossierEvent): RecordedDossierEvent {
  if (!('personal' in e.data)) return e;
  const data = { ...e.data };
  Object.defineProperty(data, 'personal', {
    enumerable: true,
    get: () => {
      throw new Error('personal part read');
    },
  });
  return { ...e, data } as RecordedDossierEvent;
}

const correction = (changes: Record<string, unknown>, targetType = 'CandidateNominated') =>
  ({
    type: 'StepCorrected',
    eventId: 'c1',
    data: {
      eventId: 'e1',
      targetType,
      changes,
      personal: { reason: 'Sai ngày' },
      correctedOn: '2024-06-01',
      targetRuleSet: 'qd24-2021',
      ruleSet: 'qd24-2021',
    },
  }) as RecordedDossierEvent;

describe('obligationEventOf: events cut to what obligations are derived from', () => {
  const events = eventsThrough('HoldCeremony');

  it('never reads a personal part, and keeps none', () => {
    const kept = cut(events.map(guarded));
    expect(kept.map((e) => e.type)).toContain('CandidateNominated');
    expect(kept.some((e) => 'personal' in e.data && e.data.personal !== null)).toBe(false);
  });

  it('leaves out the steps and the corrections no obligation reads', () => {
    const helpers = events.find((e) => e.type === 'HelpersAssigned')!;
    expect(obligationEventOf(helpers)).toBeUndefined();
    expect(obligationEventOf(correction({ nominatedOn: '2024-01-02' }))).toBeUndefined();
    expect(obligationEventOf(correction({ nominatedOn: '2024-01-02', branchId: 'b2' }))?.data).toEqual({
      eventId: 'e1',
      targetType: 'CandidateNominated',
      changes: { branchId: 'b2' },
      personal: null,
      correctedOn: '2024-06-01',
    });
  });

  it("keeps the ceremony's rule set: an operator's probation length moves the recognition review", () => {
    const longer: RuleSet = {
      ...RULE_SETS[0],
      id: 'operator-18',
      parameters: { ...RULE_SETS[0].parameters, probationMonths: 18 },
    };
    const sets = [...RULE_SETS, longer];
    const ruled = events.map((e) =>
      e.type === 'CeremonyHeld' ? ({ ...e, data: { ...e.data, ruleSet: longer.id } } as RecordedDossierEvent) : e,
    );
    const obligations = (of: RecordedDossierEvent[]) =>
      obligationsOf(evolveAll(initialState(), of, sets), calendar, { ruleSets: sets });
    const review = (of: RecordedDossierEvent[]) => obligations(of).find((o) => o.obligation === 'recognition-review');
    expect(review(ruled)?.startedOn).not.toBe(review(events)?.startedOn);
    expect(obligations(cut(ruled))).toEqual(obligations(ruled));
  });
});
