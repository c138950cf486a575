import qd24 from './data/qd24-2021.json';
import qd232 from './data/qd232-2025.json';
import qd294 from './data/qd294-2025.json';
import { combineRuleSets, parseRuleSetData } from './rule-set-data';
import type { RuleSet } from './rule-sets';

/**
 * The rule sets shipped with ketnap, one JSON file each under `data/` (DOMAIN.md §7), checked like an
 * operator's file. An operator's file of the same id replaces one (`KETNAP_RULES_DIR`).
 */
export const BUILTIN_RULE_SETS: readonly RuleSet[] = combineRuleSets(
  [
    [qd24, 'built-in data/qd24-2021.json'],
    [qd232, 'built-in data/qd232-2025.json'],
    [qd294, 'built-in data/qd294-2025.json'],
  ].map(([raw, label]) => ({ ruleSet: parseRuleSetData(raw, label as string), label: label as string })),
  [],
).map((s) => s.ruleSet);
