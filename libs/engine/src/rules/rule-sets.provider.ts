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
  /**
   * 0 with the built-in rule sets only; otherwise a number drawn from the operator's sets (periods and
   * parameters), added to the version of the read models whose rows depend on them (due dates, end of
   * probation), so that a changed file rebuilds them at the next start.
   */
  readonly readModelVersion: number;
}

/** SHA-256 of the parameters' canonical JSON, first 16 hex digits: what an event records as `ruleSetHash`. */
export const ruleSetHash = (set: RuleSet): string =>
  createHash('sha256').update(canonicalParameters(set.parameters)).digest('hex').slice(0, 16);

const builtInLabelled = (): LabelledRuleSet[] =>
  BUILTIN_RULE_SETS.map((ruleSet) => ({ ruleSet, label: `built-in ${ruleSet.id}` }));

function loaded(sets: readonly LabelledRuleSet[]): LoadedRuleSets {
  const hashes = new Map(sets.map((s) => [s.ruleSet.id, ruleSetHash(s.ruleSet)]));
  const operator = sets.filter((s) => s.operator);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify(
        operator.map(({ ruleSet: s }) => [s.id, s.effectiveFrom, s.effectiveTo ?? null, hashes.get(s.id)]),
      ),
    )
    .digest('hex');
  return {
    sets: sets.map((s) => s.ruleSet),
    operatorFiles: new Map(operator.map((s) => [s.ruleSet.id, s.label])),
    hashOf: (id) => (id === undefined ? undefined : hashes.get(id)),
    // 1,000 × a 32-bit number: the base versions stay below 1,000; the sum stays an exact integer.
    readModelVersion: operator.length === 0 ? 0 : (parseInt(fingerprint.slice(0, 8), 16) + 1) * 1000,
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

/** A read model whose rows depend on the rule sets, versioned with them (see {@link LoadedRuleSets.readModelVersion}). */
export const versionedWithRules = <P extends { readonly version: number }>(projection: P, rules: LoadedRuleSets): P =>
  rules.readModelVersion === 0 ? projection : { ...projection, version: projection.version + rules.readModelVersion };
