import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  UNITS_STREAM,
  checkParent,
  checkUnitAuthorities,
  emptyCatalog,
  evolveCatalog,
  sameUnit,
  type UnitView,
} from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { authorizeCatalogWrite } from '../auth/catalog-access';
import { runCommand } from '../commands/command-pipeline';
import { RecordUnitCommand } from './record-unit.command';

/**
 * Appends `UnitRecorded` to the catalog stream, unless the unit is recorded exactly so already.
 * `If-Match` names the unit's own version, not the catalog's.
 */
@CommandHandler(RecordUnitCommand)
export class RecordUnitHandler implements ICommandHandler<RecordUnitCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ unit, context }: RecordUnitCommand): Promise<UnitView> {
    const { result } = await runCommand(
      this.store,
      {
        streamId: UNITS_STREAM,
        resource: { key: 'resource.unit', params: { id: unit.unitId } },
        initialState: emptyCatalog,
        evolve: evolveCatalog,
        versionOf: (catalog) => catalog.get(unit.unitId)?.version ?? 0,
        authorize: () => authorizeCatalogWrite(context, 'units:write'),
        decide: (catalog) => {
          checkParent(unit, (id) => catalog.get(id), [...catalog.values()]);
          checkUnitAuthorities(unit, (id) => catalog.get(id));
          const current = catalog.get(unit.unitId);
          if (current) {
            const { version: _version, ...recorded } = current;
            if (sameUnit(recorded, unit)) return [];
          }
          return [{ type: 'UnitRecorded', data: unit }];
        },
        sameResource: (appended) =>
          appended.every((event) => event.type === 'UnitRecorded' && event.data.unitId === unit.unitId),
        result: (catalog) => catalog.get(unit.unitId)!,
      },
      context,
    );
    return result;
  }
}
