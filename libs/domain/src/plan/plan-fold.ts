import type { Message } from '../dossier/commands';
import type { DecodedEvent } from '../events/domain-event';
import type { Plan } from './plan';

/** A year's plan was adopted (or replaced), in its plan stream; `data` is the normalized plan with its source and warnings. */
export type PlanAdopted = Message<'PlanAdopted', Plan>;

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
