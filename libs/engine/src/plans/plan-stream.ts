import type { Plan } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';

/** Each plan year has its own stream; a new adoption replaces the plan. */
export const planStreamId = (year: number): string => `plan-${year}`;

/** Event: a plan was adopted (or replaced); `data` is the normalized plan with its source and warnings. */
export const PLAN_ADOPTED = 'PlanAdopted';

/** A plan with its version (how many times the year's plan was adopted: what `If-Match` names). */
export interface PlanView extends Plan {
  version: number;
}

export interface PlanState {
  plan?: Plan;
}

export const emptyPlanState = (): PlanState => ({});

export function evolvePlan(state: PlanState, event: EventEnvelope): PlanState {
  return event.type === PLAN_ADOPTED ? { plan: event.data as Plan } : state;
}
