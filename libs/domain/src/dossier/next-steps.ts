import { DomainError } from '../errors/domain-error';
import { STEP_ORDER } from './rules/order.rule';
import { isTerminal } from './stage';
import type { DerivedDossier } from './state';

/** A step the procedure's order lets a dossier take next (a correction is never one: it amends a step). */
export type NextStep = keyof typeof STEP_ORDER;

const ORDERED = Object.keys(STEP_ORDER) as NextStep[];

/**
 * The steps a dossier may take next, in procedure order: those `STEP_ORDER` does not refuse, none once
 * the dossier is closed. Only the order is asked: a step listed here may still be refused by its own
 * rules (its dates, its vote, the candidate's age), which `decide` judges when it is sent.
 */
export function nextSteps(d: DerivedDossier & { exists: boolean }): NextStep[] {
  if (!d.exists || isTerminal(d.stage)) return [];
  return ORDERED.filter((step) => {
    try {
      STEP_ORDER[step](d);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  });
}
