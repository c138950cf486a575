import { Command } from '@nestjs/cqrs';
import type { OrgUnit, UnitView } from '@ketnap/domain';
import type { CommandContext } from '../commands/command-context';

/** Record a unit (create or replace it whole): `PUT /units/{unitId}`. */
export class RecordUnitCommand extends Command<UnitView> {
  constructor(
    readonly unit: OrgUnit,
    readonly context: CommandContext,
  ) {
    super();
  }
}
