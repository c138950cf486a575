import { Module } from '@nestjs/common';
import { GetUnitHandler, ListUnitsHandler } from './unit.query-handlers';
import { RecordUnitHandler } from './record-unit.handler';

/** The unit catalog: its command and query handlers (dispatched through `@nestjs/cqrs`); its reader is the engine's. */
@Module({
  providers: [RecordUnitHandler, ListUnitsHandler, GetUnitHandler],
})
export class UnitsModule {}
