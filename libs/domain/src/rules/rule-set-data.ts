import { EDUCATION_LEVELS } from '../dossier/commands';
import type { MessageKey } from '../messages/catalogue';
import type { Localizable, MessageParams } from '../messages/message-text';
import { messageOf } from '../messages/catalogue';
import { addDays, compareDates, isLocalDate, type LocalDate } from '../time/local-date';
import type { CompetentAuthorityDefault, Ratio, RuleParameters, RuleSet } from './rule-sets';

/** The layout of a rule set file this version reads (`"format": 1`). */
export const RULE_SET_FORMAT = 1;

export const COMPETENT_AUTHORITY_DEFAULTS: readonly CompetentAuthorityDefault[] = [
  'parent-higher-committee',
  'committee-itself',
];

type Kind = 'count' | 'ratio' | 'authority-default' | 'education-level';

/** Every parameter a rule set file must give, with its kind: a count is a whole number ≥ 1. */
const PARAMETER_KINDS: Record<keyof RuleParameters, Kind> = {
  admissionDecisionWorkingDays: 'count',
  maxExtensionWorkingDays: 'count',
  ceremonyWorkingDays: 'count',
  recognitionReviewWorkingDays: 'count',
  recognitionDecisionWorkingDays: 'count',
  probationMonths: 'count',
  certificateValidityMonths: 'count',
  dossierFreshnessMonths: 'count',
  minAgeYears: 'count',
  maxAgeYears: 'count',
  youthMaxAgeYears: 'count',
  voteThreshold: 'ratio',
  committeeVoteThreshold: 'ratio',
  introducerAcquaintanceMonths: 'count',
  memberProfileWorkingDays: 'count',
  competentAuthorityDefault: 'authority-default',
  minEducationLevel: 'education-level',
};

export const RULE_PARAMETER_NAMES = Object.keys(PARAMETER_KINDS) as (keyof RuleParameters)[];

const KIND_TEXT: Record<Kind, string> = {
  count: 'a whole number ≥ 1',
  ratio: '{ "num": n, "den": d } with whole numbers 0 < n ≤ d',
  'authority-default': COMPETENT_AUTHORITY_DEFAULTS.map((v) => JSON.stringify(v)).join(' or '),
  'education-level': EDUCATION_LEVELS.map((v) => JSON.stringify(v)).join(', '),
};

/**
 * A rule set file that cannot be used: names the file (`label`) and the fault, with a catalogue key so
 * the CLI can say it in its language; `message` is the English line the start prints.
 */
export class RuleSetDataError extends RangeError implements Localizable {
  readonly messageParams: MessageParams;
  constructor(
    readonly label: string,
    readonly messageKey: MessageKey,
    params: MessageParams = {},
  ) {
    const messageParams = { ...params, file: label };
    super(messageOf(messageKey, messageParams, 'en') ?? messageKey);
    this.name = 'RuleSetDataError';
    this.messageParams = messageParams;
  }
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isRatio = (value: unknown): value is Ratio => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { num, den, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && isCount(num) && isCount(den) && num <= den;
};
const FITS: Record<Kind, (value: unknown) => boolean> = {
  count: isCount,
  ratio: isRatio,
  'authority-default': (value) => (COMPETENT_AUTHORITY_DEFAULTS as readonly unknown[]).includes(value),
  'education-level': (value) => (EDUCATION_LEVELS as readonly unknown[]).includes(value),
};
const isParameter = (name: string): name is keyof RuleParameters => Object.hasOwn(PARAMETER_KINDS, name);
const TOP_FIELDS = new Set([
  'format',
  'id',
  'title',
  'description',
  'effectiveFrom',
  'effectiveTo',
  'parameters',
  'sources',
  'unconfirmed',
]);

function parseParameters(raw: unknown, label: string): RuleParameters {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new RuleSetDataError(label, 'cli.rules.parameters-not-object');
  const given = raw as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !isParameter(name));
  if (unknown.length > 0) throw new RuleSetDataError(label, 'cli.rules.unknown-parameter', { names: unknown });
  const missing = RULE_PARAMETER_NAMES.filter((name) => !Object.hasOwn(given, name));
  if (missing.length > 0) throw new RuleSetDataError(label, 'cli.rules.missing-parameter', { names: missing });
  for (const name of RULE_PARAMETER_NAMES) {
    const kind = PARAMETER_KINDS[name];
    if (!FITS[kind](given[name])) {
      throw new RuleSetDataError(label, 'cli.rules.wrong-type', {
        name,
        expected: KIND_TEXT[kind],
        got: JSON.stringify(given[name]) ?? 'undefined',
      });
    }
  }
  const copy = Object.fromEntries(
    RULE_PARAMETER_NAMES.map((name) => {
      const value = given[name];
      return [name, isRatio(value) ? { num: value.num, den: value.den } : value];
    }),
  );
  return copy as unknown as RuleParameters;
}

function parameterList(raw: unknown, label: string, field: string): (keyof RuleParameters)[] {
  if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'string'))
    throw new RuleSetDataError(label, 'cli.rules.bad-field', { field, expected: 'a list of parameter names' });
  const unknown = raw.filter((name) => !isParameter(name));
  if (unknown.length > 0) throw new RuleSetDataError(label, 'cli.rules.unknown-parameter', { names: unknown });
  return raw as (keyof RuleParameters)[];
}

/**
 * Checks a rule set file (parsed JSON) and returns the rule set. Throws a {@link RuleSetDataError}
 * naming `label` and the fault: another format, a missing id or title, a bad date, an `effectiveTo`
 * before `effectiveFrom`, an unknown or missing parameter, a parameter of the wrong type.
 */
export function parseRuleSetData(raw: unknown, label = 'rule set data'): RuleSet {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new RuleSetDataError(label, 'cli.rules.not-object');
  const r = raw as Record<string, unknown>;
  const extra = Object.keys(r).filter((name) => !TOP_FIELDS.has(name));
  if (extra.length > 0) throw new RuleSetDataError(label, 'cli.rules.unknown-field', { names: extra });
  if (r.format !== RULE_SET_FORMAT)
    throw new RuleSetDataError(label, 'cli.rules.format', { format: RULE_SET_FORMAT, got: JSON.stringify(r.format) });
  if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,63}$/.test(r.id))
    throw new RuleSetDataError(label, 'cli.rules.bad-field', {
      field: 'id',
      expected: 'lower-case letters, digits, "." and "-" (e.g. qd24-2021)',
    });
  if (!isText(r.title))
    throw new RuleSetDataError(label, 'cli.rules.bad-field', { field: 'title', expected: 'a text' });
  if (r.description !== undefined && typeof r.description !== 'string')
    throw new RuleSetDataError(label, 'cli.rules.bad-field', { field: 'description', expected: 'a text' });
  for (const field of ['effectiveFrom', 'effectiveTo'] as const) {
    if ((field === 'effectiveFrom' || r[field] !== undefined) && !isLocalDate(r[field]))
      throw new RuleSetDataError(label, 'cli.rules.bad-field', { field, expected: 'a date YYYY-MM-DD' });
  }
  const effectiveFrom = r.effectiveFrom as LocalDate;
  const effectiveTo = r.effectiveTo as LocalDate | undefined;
  if (effectiveTo !== undefined && compareDates(effectiveTo, effectiveFrom) < 0)
    throw new RuleSetDataError(label, 'cli.rules.ends-before-start', { effectiveFrom, effectiveTo });
  const parameters = parseParameters(r.parameters, label);
  let sources: RuleSet['sources'];
  if (r.sources !== undefined) {
    if (typeof r.sources !== 'object' || r.sources === null || Array.isArray(r.sources))
      throw new RuleSetDataError(label, 'cli.rules.bad-field', {
        field: 'sources',
        expected: 'parameter: source text',
      });
    const entries = Object.entries(r.sources as Record<string, unknown>);
    const unknown = entries.map(([name]) => name).filter((name) => !isParameter(name));
    if (unknown.length > 0) throw new RuleSetDataError(label, 'cli.rules.unknown-parameter', { names: unknown });
    if (!entries.every(([, text]) => isText(text)))
      throw new RuleSetDataError(label, 'cli.rules.bad-field', {
        field: 'sources',
        expected: 'parameter: source text',
      });
    sources = Object.fromEntries(entries) as RuleSet['sources'];
  }
  const unconfirmed = r.unconfirmed === undefined ? undefined : parameterList(r.unconfirmed, label, 'unconfirmed');
  return {
    id: r.id,
    title: r.title,
    effectiveFrom,
    ...(effectiveTo !== undefined && { effectiveTo }),
    parameters,
    ...(sources && { sources }),
    ...(unconfirmed && { unconfirmed }),
  };
}

/** A rule set with where it comes from: a built-in file or an operator's file (its path). */
export interface LabelledRuleSet {
  ruleSet: RuleSet;
  label: string;
  /** True for a file of the operator's folder. */
  operator?: boolean;
}

/**
 * The rule sets in force: the built-in ones, each replaced by an operator's set of the same id, plus
 * the operator's new ones, in date order. Throws a {@link RuleSetDataError} naming the operator's file
 * when two of its files give one id, or when the periods overlap, leave a gap, or more than the last is
 * open-ended (a new set after an open-ended one needs a file closing that one's `effectiveTo`).
 */
export function combineRuleSets(
  builtIn: readonly LabelledRuleSet[],
  operator: readonly LabelledRuleSet[],
): LabelledRuleSet[] {
  const byId = new Map<string, LabelledRuleSet>(builtIn.map((s) => [s.ruleSet.id, s]));
  const seen = new Map<string, string>();
  for (const s of operator) {
    const earlier = seen.get(s.ruleSet.id);
    if (earlier !== undefined)
      throw new RuleSetDataError(s.label, 'cli.rules.duplicate-id', { id: s.ruleSet.id, other: earlier });
    seen.set(s.ruleSet.id, s.label);
    byId.set(s.ruleSet.id, { ...s, operator: true });
  }
  const sets = [...byId.values()].sort((a, b) => compareDates(a.ruleSet.effectiveFrom, b.ruleSet.effectiveFrom));
  for (let i = 1; i < sets.length; i += 1) {
    const [before, after] = [sets[i - 1], sets[i]];
    const blamed = after.operator || !before.operator ? after : before;
    const other = blamed === after ? before : after;
    const params = { id: blamed.ruleSet.id, other: `${other.ruleSet.id} (${other.label})` };
    const end = before.ruleSet.effectiveTo;
    if (end === undefined || compareDates(after.ruleSet.effectiveFrom, end) <= 0)
      throw new RuleSetDataError(blamed.label, 'cli.rules.overlap', params);
    if (addDays(end, 1) !== after.ruleSet.effectiveFrom)
      throw new RuleSetDataError(blamed.label, 'cli.rules.gap', { ...params, from: addDays(end, 1) });
  }
  return sets;
}

/**
 * The parameters as one canonical JSON text (keys sorted at every level), the same for the same
 * figures however a file orders them: what a rule set's hash is taken of.
 */
export function canonicalParameters(parameters: RuleParameters): string {
  const canonical = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;
  return JSON.stringify(canonical(parameters));
}
