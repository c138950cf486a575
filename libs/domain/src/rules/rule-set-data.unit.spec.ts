import qd24File from './data/qd24-2021.json';
import { messageOf } from '../messages/catalogue';
import {
  RULE_PARAMETER_NAMES,
  RuleSetDataError,
  canonicalParameters,
  combineRuleSets,
  parseRuleSetData,
  type LabelledRuleSet,
} from './rule-set-data';
import {
  RULE_SETS,
  competentAuthorityDefaultOf,
  competentAuthorityDefaultOn,
  ruleSetById,
  type RuleSet,
} from './rule-sets';

/** The one parameter object the three rule sets shared in code before they became files (QD24_PARAMETERS). */
const OLD_QD24_PARAMETERS = {
  admissionDecisionWorkingDays: 60,
  maxExtensionWorkingDays: 30,
  ceremonyWorkingDays: 30,
  recognitionReviewWorkingDays: 30,
  recognitionDecisionWorkingDays: 30,
  probationMonths: 12,
  certificateValidityMonths: 60,
  dossierFreshnessMonths: 12,
  minAgeYears: 18,
  maxAgeYears: 60,
  youthMaxAgeYears: 30,
  voteThreshold: { num: 2, den: 3 },
  introducerAcquaintanceMonths: 12,
};
const OLD_RULE_SETS = [
  ['qd24-2021', 'QĐ 24-QĐ/TW 30/07/2021 + HD 01-HD/TW 28/09/2021', '2021-07-30', '2025-01-19'],
  ['qd232-2025', 'QĐ 232-QĐ/TW 20/01/2025', '2025-01-20', '2025-06-30'],
  ['qd294-2025', 'QĐ 294-QĐ/TW 26/05/2025 + HD 06-HD/TW 09/06/2025', '2025-07-01', undefined],
] as const;

describe('the built-in rule set files (data/*.json)', () => {
  it('are the three rule sets, one file each', () => {
    expect(RULE_SETS.map((s) => s.id)).toEqual(['qd24-2021', 'qd232-2025', 'qd294-2025']);
  });

  it.each(OLD_RULE_SETS)(
    '%s keeps the id, title, period and every figure the code constants had',
    (id, title, effectiveFrom, effectiveTo) => {
      const set = ruleSetById(id) as RuleSet;
      expect({ id: set.id, title: set.title, effectiveFrom: set.effectiveFrom, effectiveTo: set.effectiveTo }).toEqual({
        id,
        title,
        effectiveFrom,
        effectiveTo,
      });
      expect(set.parameters).toMatchObject(OLD_QD24_PARAMETERS);
    },
  );

  it('makes explicit what was implicit: the committee threshold, the member profile period, the authority default', () => {
    expect(RULE_SETS.map((s) => s.parameters.committeeVoteThreshold)).toEqual(
      RULE_SETS.map((s) => s.parameters.voteThreshold),
    );
    expect(RULE_SETS.map((s) => s.parameters.memberProfileWorkingDays)).toEqual([30, 30, 30]);
    expect(RULE_SETS.map(competentAuthorityDefaultOf)).toEqual([
      'parent-higher-committee',
      'parent-higher-committee',
      'committee-itself',
    ]);
  });

  it('finds the authority default of the rule set in force on a date', () => {
    expect(competentAuthorityDefaultOn('2025-06-30')).toBe('parent-higher-committee');
    expect(competentAuthorityDefaultOn('2025-07-01')).toBe('committee-itself');
    expect(competentAuthorityDefaultOn('2021-07-29')).toBeUndefined();
    const operator = RULE_SETS.map((s) => ({
      ...s,
      parameters: { ...s.parameters, competentAuthorityDefault: 'parent-higher-committee' as const },
    }));
    expect(competentAuthorityDefaultOn('2025-07-01', operator)).toBe('parent-higher-committee');
  });

  it("marks DOMAIN.md's [unconfirmed] facts as unconfirmed, and cites a source for every parameter", () => {
    for (const set of RULE_SETS) {
      expect(set.unconfirmed).toEqual(
        expect.arrayContaining(['committeeVoteThreshold', 'dossierFreshnessMonths', 'memberProfileWorkingDays']),
      );
      expect(Object.keys(set.sources ?? {}).sort()).toEqual([...RULE_PARAMETER_NAMES].sort());
    }
    expect(ruleSetById('qd294-2025')?.unconfirmed).toEqual(
      expect.arrayContaining([
        'admissionDecisionWorkingDays',
        'recognitionDecisionWorkingDays',
        'competentAuthorityDefault',
      ]),
    );
    expect(ruleSetById('qd24-2021')?.unconfirmed).not.toContain('admissionDecisionWorkingDays');
  });

  it('gives each rule set a parameter object of its own', () => {
    expect(new Set(RULE_SETS.map((s) => s.parameters)).size).toBe(3);
  });
});

describe('parseRuleSetData: a bad file is refused, naming the file and the fault', () => {
  const good: Record<string, unknown> = qd24File;
  const label = '/rules/qd24-2021.json';
  const withParams = (change: Record<string, unknown>) => ({
    ...good,
    parameters: { ...(good.parameters as object), ...change },
  });
  const withoutProbation = Object.fromEntries(
    Object.entries(good.parameters as object).filter(([name]) => name !== 'probationMonths'),
  );
  const refusal = (raw: unknown): RuleSetDataError => {
    try {
      parseRuleSetData(raw, label);
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSetDataError);
      return error as RuleSetDataError;
    }
    throw new Error('the file was accepted');
  };

  it('reads a good file', () => expect(parseRuleSetData(good, label)).toEqual(ruleSetById('qd24-2021')));

  it.each<[string, unknown, string, RegExp]>([
    ['not an object', [1, 2], 'cli.rules.not-object', /must be a JSON object/],
    ['an unknown field', { ...good, effectiveUntil: '2025-01-01' }, 'cli.rules.unknown-field', /effectiveUntil/],
    ['another format', { ...good, format: 2 }, 'cli.rules.format', /"format" must be 1 \(got 2\)/],
    ['a bad id', { ...good, id: 'QĐ 24' }, 'cli.rules.bad-field', /"id" must be/],
    ['no title', { ...good, title: ' ' }, 'cli.rules.bad-field', /"title"/],
    ['a bad date', { ...good, effectiveFrom: '30/07/2021' }, 'cli.rules.bad-field', /"effectiveFrom" must be a date/],
    [
      'effectiveTo before effectiveFrom',
      { ...good, effectiveTo: '2021-07-29' },
      'cli.rules.ends-before-start',
      /effectiveTo 2021-07-29 is before effectiveFrom 2021-07-30/,
    ],
    ['no parameters', { ...good, parameters: 60 }, 'cli.rules.parameters-not-object', /"parameters"/],
    [
      'an unknown parameter',
      withParams({ admissionDecisionDays: 45 }),
      'cli.rules.unknown-parameter',
      /unknown parameter: admissionDecisionDays/,
    ],
    [
      'a missing parameter',
      { ...good, parameters: withoutProbation },
      'cli.rules.missing-parameter',
      /missing parameter: probationMonths/,
    ],
    [
      'a count of the wrong type',
      withParams({ admissionDecisionWorkingDays: '60' }),
      'cli.rules.wrong-type',
      /admissionDecisionWorkingDays must be a whole number ≥ 1 \(got "60"\)/,
    ],
    ['a count of zero', withParams({ probationMonths: 0 }), 'cli.rules.wrong-type', /probationMonths/],
    ['a fractional count', withParams({ minAgeYears: 17.5 }), 'cli.rules.wrong-type', /minAgeYears/],
    ['a ratio above one', withParams({ voteThreshold: { num: 4, den: 3 } }), 'cli.rules.wrong-type', /voteThreshold/],
    ['a ratio as a number', withParams({ committeeVoteThreshold: 0.67 }), 'cli.rules.wrong-type', /committeeVote/],
    [
      'an unknown authority default',
      withParams({ competentAuthorityDefault: 'district' }),
      'cli.rules.wrong-type',
      /"parent-higher-committee" or "committee-itself"/,
    ],
    [
      'an unconfirmed list naming no parameter',
      { ...good, unconfirmed: ['quorum'] },
      'cli.rules.unknown-parameter',
      /quorum/,
    ],
    ['an unconfirmed that is not a list', { ...good, unconfirmed: 'all' }, 'cli.rules.bad-field', /"unconfirmed"/],
    ['a description that is not a text', { ...good, description: 7 }, 'cli.rules.bad-field', /"description"/],
    ['sources that are not an object', { ...good, sources: ['QĐ 24'] }, 'cli.rules.bad-field', /"sources"/],
    ['an empty source', { ...good, sources: { probationMonths: '' } }, 'cli.rules.bad-field', /"sources"/],
    ['a source of no parameter', { ...good, sources: { quorum: 'x' } }, 'cli.rules.unknown-parameter', /quorum/],
  ])('%s', (_, raw, key, message) => {
    const error = refusal(raw);
    expect(error.messageKey).toBe(key);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${label}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(messageOf(error.messageKey, error.messageParams, 'vi')).toContain(label);
  });
});

describe('combineRuleSets: the operator folder over the built-in sets', () => {
  const builtIn: LabelledRuleSet[] = RULE_SETS.map((ruleSet) => ({ ruleSet, label: `built-in ${ruleSet.id}` }));
  const [qd24, , qd294] = RULE_SETS;
  const op = (ruleSet: RuleSet, label = `/rules/${ruleSet.id}.json`): LabelledRuleSet => ({ ruleSet, label });
  const revision: RuleSet = { ...qd294, id: 'rev-2026', title: '2026 revision', effectiveFrom: '2026-01-01' };
  const closed294 = { ...qd294, effectiveTo: '2025-12-31' };

  it('replaces a built-in set by id, keeping the order', () => {
    const faster = { ...qd24, parameters: { ...qd24.parameters, admissionDecisionWorkingDays: 45 } };
    const sets = combineRuleSets(builtIn, [op(faster)]);
    expect(sets.map((s) => [s.ruleSet.id, s.operator === true])).toEqual([
      ['qd24-2021', true],
      ['qd232-2025', false],
      ['qd294-2025', false],
    ]);
    expect(sets[0].ruleSet.parameters.admissionDecisionWorkingDays).toBe(45);
  });

  it('adds a new set after the last one closed by a replacement file', () => {
    const sets = combineRuleSets(builtIn, [op(revision), op(closed294)]);
    expect(sets.map((s) => s.ruleSet.id)).toEqual(['qd24-2021', 'qd232-2025', 'qd294-2025', 'rev-2026']);
  });

  it.each<[string, LabelledRuleSet[], string, string]>([
    ['a new set overlapping an open-ended one', [op(revision)], '/rules/rev-2026.json', 'cli.rules.overlap'],
    [
      'a set overlapping another',
      [op({ ...qd24, effectiveTo: '2025-02-01' })],
      '/rules/qd24-2021.json',
      'cli.rules.overlap',
    ],
    [
      'a gap between two sets',
      [op(closed294), op({ ...revision, effectiveFrom: '2026-02-01' })],
      '/rules/rev-2026.json',
      'cli.rules.gap',
    ],
    [
      'a gap left by a shortened set',
      [op({ ...qd24, effectiveTo: '2024-12-31' })],
      '/rules/qd24-2021.json',
      'cli.rules.gap',
    ],
    [
      'two files of one id',
      [op(closed294), op(closed294, '/rules/copy.json')],
      '/rules/copy.json',
      'cli.rules.duplicate-id',
    ],
  ])('refuses %s, naming the operator file', (_, operator, file, key) => {
    let caught: unknown;
    try {
      combineRuleSets(builtIn, operator);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuleSetDataError);
    expect(caught).toMatchObject({ label: file, messageKey: key });
    expect((caught as Error).message.startsWith(`${file}: `)).toBe(true);
  });
});

describe('canonicalParameters', () => {
  it('is the same text however the keys are ordered, and differs when a figure does', () => {
    const p = RULE_SETS[0].parameters;
    const reordered = Object.fromEntries(Object.entries(p).reverse()) as typeof p;
    expect(canonicalParameters(reordered)).toBe(canonicalParameters(p));
    expect(canonicalParameters({ ...p, voteThreshold: { den: 3, num: 2 } })).toBe(canonicalParameters(p));
    expect(canonicalParameters({ ...p, admissionDecisionWorkingDays: 45 })).not.toBe(canonicalParameters(p));
  });
});
