import type { Message } from '../dossier/commands';
import type { DecodedEvent } from '../events/domain-event';
import type { Plan } from './plan';

/** A year's plan was adopted (or replaced), in its plan stream; `data` is the normalized plan with its source and warnings. */
export type PlanAdopted = Message<'PlanAdopted', Plan>;

/** Schema version 1 of `PlanAdopted` stored its warnings as English text. */
export type PlanAdoptedV1 = Omit<Plan, 'warnings'> & { warnings: string[] };

/**
 * Version 2 stores each warning as its catalogue key and parameters, so it can be shown in any language
 * later; a warning stored as text by version 1 stays that text (`plan.recorded-warning`).
 */
export const planAdoptedFromV1 = ({ warnings, ...rest }: PlanAdoptedV1): Plan => ({
  ...rest,
  warnings: warnings.map((text) => ({ key: 'plan.recorded-warning', params: { text } })),
});

/** A plan with its version (how many times the year's plan was adopted: what `If-Match` names). */
export interface PlanView extends Plan {
  version: number;
}

/** A year's plan as its stream leaves it: the one adopted last. */
export interface PlanState {
  plan?: Plan;
}

export const emptyPlanState = (): PlanState => ({});

export const evolvePlan = (state: PlanState, event: DecodedEvent): PlanState =>
  event.type === 'PlanAdopted' ? { plan: event.data } : state;
