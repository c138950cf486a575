import { Query } from '@nestjs/cqrs';
import type { UnitView } from '@ketnap/domain';

/** Every unit of the catalog, in the order they were first recorded: `GET /units`. */
export class ListUnitsQuery extends Query<UnitView[]> {}

/** One unit, or `undefined`: `GET /units/{unitId}`. */
export class GetUnitQuery extends Query<UnitView | undefined> {
  constructor(readonly unitId: string) {
    super();
  }
}
