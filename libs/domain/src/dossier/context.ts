import type { WorkingDayCalendar } from '../calendar/calendar.port';
import { DomainError } from '../errors/domain-error';
import type { UnitDirectory } from '../plan/org-unit';
import { RULE_SETS, ruleSetOn, type RuleSet } from '../rules/rule-sets';
import { legalDateOf, type LocalDate } from '../time/local-date';

export interface Actor {
  sub: string;
  role: string;
  unitIds: string[];
}

/** What `decide` needs from outside: the instant, who acts, the calendar and the rule data. */
export interface DecideContext {
  /** The instant of the command; today's legal date is `legalDateOf(now)` (Asia/Ho_Chi_Minh). */
  now: Date;
  actor: Actor;
  calendar: WorkingDayCalendar;
  /**
   * The unit catalog: a unit a command names must exist with a fitting kind; a party committee's
   * `authorities` and parent say who decides for its dossiers on a date.
   */
  units: UnitDirectory;
  /** Defaults to the built-in `RULE_SETS`. */
  ruleSets?: readonly RuleSet[];
  /**
   * An import of a paper dossier begun before the first rule set (30/07/2021): its steps dated before
   * that are recorded as history, flagged `legacy` and not judged; later steps are judged as usual.
   */
  legacy?: boolean;
}

export const todayOf = (ctx: DecideContext): LocalDate => legalDateOf(ctx.now);

export const ruleSetsOf = (ctx: DecideContext): readonly RuleSet[] => ctx.ruleSets ?? RULE_SETS;

/** DOMAIN.md §7: a step is judged by the rule set in force on its legal date. */
export function ruleSetFor(date: LocalDate, ctx: DecideContext): RuleSet {
  const set = ruleSetOn(date, ruleSetsOf(ctx));
  if (!set) {
    throw new DomainError('NO_RULE_SET_IN_FORCE', { date }, { date });
  }
  return set;
}
