import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeEvent, emptyPlanState, evolvePlan, type PlanView } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { UnitsReader } from '../units/units.reader';
import { GetPlanQuery } from './get-plan.query';
import { planStreamFor } from './plan-streams';

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitsReader = new UnitsReader(store),
  ) {}

  async execute({ year, committeeId }: GetPlanQuery): Promise<PlanView | undefined> {
    const { streamId } = await planStreamFor(this.store, await this.units.catalog(), year, committeeId);
    const events = await this.store.readStream(streamId);
    const { plan } = events.map(decodeEvent).reduce(evolvePlan, emptyPlanState());
    return plan ? { ...plan, version: events.length } : undefined;
  }
}
