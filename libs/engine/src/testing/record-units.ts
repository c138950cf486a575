import type { OrgUnit } from '@ketnap/domain';
import type { EventStore } from '@ketnap/event-store';
import { FIXTURE_UNITS } from '@ketnap/domain/testing';
import { RecordUnitCommand } from '../units/record-unit.command';
import { RecordUnitHandler } from '../units/record-unit.handler';

/** Records units in the store's catalog as an admin would (`PUT /units/{unitId}`); the fixtures' commune by default. */
export async function recordUnits(store: EventStore, units: readonly OrgUnit[] = FIXTURE_UNITS): Promise<void> {
  const handler = new RecordUnitHandler(store);
  for (const unit of units)
    await handler.execute(
      new RecordUnitCommand(unit, {
        actor: { sub: 'admin', role: 'admin', unitIds: [] },
        correlationId: 'fixture-units',
      }),
    );
}
