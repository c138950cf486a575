import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import {
  RULE_SETS as BUILTIN_RULE_SETS,
  RuleSetDataError,
  canonicalParameters,
  combineRuleSets,
  parseRuleSetData,
  type LabelledRuleSet,
  type RuleSet,
} from '@ketnap/domain';
import { ConfigError, type KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';

/** Symbol token of the engine's {@link LoadedRuleSets}. */
export const RULES = Symbol('RULES');

/** The rule sets in force, loaded once at start: what every `decide`, fold and deadline of the engine uses. */
export interface LoadedRuleSets {
  /** In date order, without gap or overlap. */
  readonly sets: readonly RuleSet[];
  /** The operator's file of each rule set that comes from `KETNAP_RULES_DIR`, by id. */
  readonly operatorFiles: ReadonlyMap<string, string>;
  /** The short hash of a rule set's parameters (see {@link ruleSetHash}); undefined for an unknown id. */
  hashOf(id: string | undefined): string | undefined;
}

/** SHA-256 of the parameters' canonical JSON, first 16 hex digits: what an event records as `ruleSetHash`. */
export const ruleSetHash = (set: RuleSet): string =>
  createHash('sha256').update(canonicalParameters(set.parameters)).digest('hex').slice(0, 16);

const builtInLabelled = (): LabelledRuleSet[] =>
  BUILTIN_RULE_SETS.map((ruleSet) => ({ ruleSet, label: `built-in ${ruleSet.id}` }));

function loaded(sets: readonly LabelledRuleSet[]): LoadedRuleSets {
  const hashes = new Map(sets.map((s) => [s.ruleSet.id, ruleSetHash(s.ruleSet)]));
  return {
    sets: sets.map((s) => s.ruleSet),
    operatorFiles: new Map(sets.filter((s) => s.operator).map((s) => [s.ruleSet.id, s.label])),
    hashOf: (id) => (id === undefined ? undefined : hashes.get(id)),
  };
}

/** The built-in rule sets only: for the services tests build by hand. */
export const builtInRuleSets = (): LoadedRuleSets => loaded(builtInLabelled());

/**
 * The built-in rule sets, each replaced by the operator's file of the same id in `KETNAP_RULES_DIR`,
 * plus the operator's new ones. A bad file (not JSON, an unknown or missing parameter, a wrong type, a
 * period that ends before it starts, overlaps or leaves a gap) stops the start with one line naming it.
 */
export function loadRuleSets(config: Pick<KetnapConfig, 'rulesDir'>): LoadedRuleSets {
  const operator: LabelledRuleSet[] = [];
  const fail = (error: unknown): never => {
    // The domain's error rides along as the cause: the CLI says it in its own language.
    throw Object.assign(new ConfigError('KETNAP_RULES_DIR', error instanceof Error ? error.message : String(error)), {
      cause: error,
    });
  };
  if (existsSync(config.rulesDir)) {
    for (const file of readdirSync(config.rulesDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const path = join(config.rulesDir, file);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        fail(new RuleSetDataError(path, 'cli.rules.not-json', { reason: (error as Error).message }));
      }
      try {
        operator.push({ ruleSet: parseRuleSetData(raw, path), label: path });
      } catch (error) {
        fail(error);
      }
    }
  }
  try {
    return loaded(combineRuleSets(builtInLabelled(), operator));
  } catch (error) {
    return fail(error);
  }
}

export const ruleSetsProvider: Provider = { provide: RULES, inject: [KETNAP_CONFIG], useFactory: loadRuleSets };
