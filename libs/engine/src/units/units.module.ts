import { Module } from '@nestjs/common';
import { GetUnitHandler, ListUnitsHandler } from './unit.query-handlers';
import { RecordUnitHandler } from './record-unit.handler';
import { UnitsReader } from './units.reader';

/** The unit catalog: its command and query handlers (dispatched through `@nestjs/cqrs`). */
@Module({
  providers: [UnitsReader, RecordUnitHandler, ListUnitsHandler, GetUnitHandler],
  exports: [UnitsReader],
})
export class UnitsModule {}
