import { Query } from '@nestjs/cqrs';
import type { PlanView } from '@ketnap/domain';

/** The plan adopted for a year, or `undefined`: `GET /plans/{year}`; of one committee with `committeeId`. */
export class GetPlanQuery extends Query<PlanView | undefined> {
  constructor(
    readonly year: number,
    readonly committeeId?: string,
  ) {
    super();
  }
}
