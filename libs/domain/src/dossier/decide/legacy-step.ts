import { addDays, compareDates, type LocalDate } from '../../time/local-date';
import type { RuleSet } from '../../rules/rule-sets';
import { ruleSetsOf, todayOf, type DecideContext } from '../context';
import { eventLegalDate } from '../event-facts';
import type { StepEvent } from '../events';
import { notInFuture } from '../rules/dates.rule';
import { checkNominationUnits } from '../rules/units.rule';
import type { DossierState } from '../state';
import { buildStep, type StepCommand } from './build-step';

/** The `ruleSet` of a step recorded as history, before the first rule set ketnap knows. */
export const LEGACY_RULE_SET = 'legacy';

/** The earliest rule set of the context: the one whose `effectiveFrom` starts what ketnap judges. */
export function firstRuleSet(ctx: DecideContext): RuleSet {
  return [...ruleSetsOf(ctx)].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom))[0];
}

/** True when `date` is before every rule set of the context (before 30/07/2021 with the built-in ones). */
export const beforeRuleSets = (date: LocalDate, ctx: DecideContext): boolean =>
  compareDates(date, firstRuleSet(ctx).effectiveFrom) < 0;

/**
 * The rule sets with one more, `legacy`, covering every day before the first: what builds a legacy
 * step's event. Its parameters are the first rule set's, used only to tell an adopted branch vote
 * from a failed one (2/3 of the official members since the Charter of 2011).
 */
function withLegacySet(ctx: DecideContext): DecideContext {
  const first = firstRuleSet(ctx);
  const legacy: RuleSet = {
    id: LEGACY_RULE_SET,
    title: 'Before QĐ 24-QĐ/TW (recorded as history, not judged)',
    effectiveFrom: '0001-01-01',
    effectiveTo: addDays(first.effectiveFrom, -1),
    parameters: first.parameters,
  };
  return { ...ctx, ruleSets: [legacy, ...ruleSetsOf(ctx)] };
}

/**
 * A step of a paper dossier begun before the first rule set (`ctx.legacy`), dated before that rule
 * set: the event the step records, flagged `legacy: true` with the rule set `legacy`, and not judged
 * (no order, date, age, vote or introducer rule), since the rules in force then are not ketnap's.
 * Still refused: a birth date after today, and a nomination naming units the catalog lacks. `undefined`
 * for a step dated on or after the first rule set: that one is judged as any other.
 */
export function legacyStep(command: StepCommand, state: DossierState, ctx: DecideContext): StepEvent | undefined {
  const event = buildStep(command, state, withLegacySet(ctx));
  const date = eventLegalDate(event);
  if (date === undefined || !beforeRuleSets(date, ctx)) return undefined;
  if (event.type === 'CandidateNominated') {
    if (event.data.personal) notInFuture(event.data.personal.birthDate, 'candidate.birthDate', todayOf(ctx));
    checkNominationUnits(event.data, ctx.units);
  }
  // `buildStep` made the event and its data just now, for this step only.
  Object.assign(event.data, { ruleSet: LEGACY_RULE_SET, legacy: true });
  return event;
}
