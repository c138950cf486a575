import { obligationsOf } from '../obligations/obligations';
import { deciderSpec, fold } from '../testing/decider-spec';
import { calendar, command, contextOn, eventsBefore, eventsThrough } from '../testing/fixtures';
import { meetsThreshold, RULE_SETS, ruleSetById, ruleSetOn, type RuleSet } from './rule-sets';

describe('rule sets as data (DOMAIN.md §7)', () => {
  it.each([
    ['2021-07-29', undefined],
    ['2021-07-30', 'qd24-2021'],
    ['2025-01-19', 'qd24-2021'],
    ['2025-01-20', 'qd232-2025'],
    ['2025-06-30', 'qd232-2025'],
    ['2025-07-01', 'qd294-2025'],
    ['2030-01-01', 'qd294-2025'],
  ])('on %s the rule set in force is %s', (date, id) => expect(ruleSetOn(date)?.id).toBe(id));

  it('periods follow one another without gap or overlap', () => {
    for (let i = 1; i < RULE_SETS.length; i += 1) {
      const previousEnd = new Date(`${RULE_SETS[i - 1].effectiveTo}T00:00:00Z`).getTime();
      expect(new Date(`${RULE_SETS[i].effectiveFrom}T00:00:00Z`).getTime() - previousEnd).toBe(86_400_000);
    }
    expect(RULE_SETS[RULE_SETS.length - 1].effectiveTo).toBeUndefined();
  });

  it('finds a rule set by id', () => {
    expect(ruleSetById('qd232-2025')?.title).toContain('232');
    expect(ruleSetById('nope')).toBeUndefined();
  });

  it('compares votes in integers: 2/3 of 9 is 6, of 10 is 7', () => {
    const t = { num: 2, den: 3 };
    expect([
      meetsThreshold(6, 9, t),
      meetsThreshold(5, 9, t),
      meetsThreshold(7, 10, t),
      meetsThreshold(6, 10, t),
    ]).toEqual([true, false, true, false]);
  });

  describe('adding a rule set is a data change', () => {
    const qd294 = RULE_SETS[2];
    const revision: RuleSet = {
      id: 'rev-2026',
      title: 'announced 2026 revision (hypothetical figures)',
      effectiveFrom: '2026-01-01',
      parameters: { ...qd294.parameters, admissionDecisionWorkingDays: 45, voteThreshold: { num: 3, den: 4 } },
    };
    const sets = [...RULE_SETS.slice(0, 2), { ...qd294, effectiveTo: '2025-12-31' }, revision];
    const ctx = contextOn('2026-06-30', { ruleSets: sets });
    const overrides = {
      SubmitApplication: { submittedOn: '2025-06-02' },
      RecordBackgroundVerification: { completedOn: '2025-07-01' },
      RecordIntroducers: { recordedOn: '2025-08-01' },
      CollectOpinions: { collectedOn: '2025-12-20' },
    };

    it('judges a step by the new figures (6 of 9 passes 2/3, fails 3/4) and records its id', () => {
      const spec = deciderSpec(ctx)(eventsBefore('RecordBranchResolution', overrides));
      spec.when(command('RecordBranchResolution', { meetingOn: '2026-01-06', votesFor: 6, officialMembers: 9 })).then([
        {
          type: 'BranchVoteFailed',
          data: {
            ...command('RecordBranchResolution').data,
            meetingOn: '2026-01-06',
            votesFor: 6,
            ruleSet: 'rev-2026',
            attempt: 1,
            reportToHigherCommittee: false,
          },
        },
      ]);
    });

    it('computes deadlines with the new period', () => {
      const history = eventsThrough('CollectOpinions', overrides);
      const state = fold([
        ...history,
        {
          type: 'BranchResolutionAdopted',
          data: { meetingOn: '2026-01-06', officialMembers: 9, votesFor: 9, ruleSet: 'rev-2026' },
        },
      ]);
      const [o] = obligationsOf(state, calendar, { ruleSets: sets }).filter(
        (x) => x.obligation === 'admission-decision',
      );
      expect(o).toMatchObject({ ruleSet: 'rev-2026', period: { workingDays: 45 } });
    });
  });
});
