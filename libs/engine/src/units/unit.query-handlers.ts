import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { UnitView } from '@ketnap/domain';
import { GetUnitQuery, ListUnitsQuery } from './unit.queries';
import { UnitsReader } from './units.reader';

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly reader: UnitsReader) {}

  async execute(): Promise<UnitView[]> {
    return [...(await this.reader.catalog()).values()];
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitHandler implements IQueryHandler<GetUnitQuery> {
  constructor(private readonly reader: UnitsReader) {}

  async execute({ unitId }: GetUnitQuery): Promise<UnitView | undefined> {
    return (await this.reader.catalog()).get(unitId);
  }
}
