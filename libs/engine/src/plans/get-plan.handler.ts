import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeEvent, emptyPlanState, evolvePlan, planStreamId, type PlanView } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { GetPlanQuery } from './get-plan.query';

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ year }: GetPlanQuery): Promise<PlanView | undefined> {
    const events = await this.store.readStream(planStreamId(year));
    const { plan } = events.map(decodeEvent).reduce(evolvePlan, emptyPlanState());
    return plan ? { ...plan, version: events.length } : undefined;
  }
}
