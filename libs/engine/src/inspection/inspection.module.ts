import { Module } from '@nestjs/common';
import { DeadlinesReader } from '../deadlines/deadlines.reader';
import { InspectionCaseReader } from './inspection-case.reader';
import { InspectionCaseWriter } from './inspection-case.writer';

/**
 * Inspection cases (the `inspector` role's work) and the deadlines board, for the HTTP API. Needs the
 * `DEADLINES_BOARD` and `INSPECTION_CASES_BOARD` bindings of the read models (see `DeadlineReadModelsModule`).
 */
@Module({
  providers: [InspectionCaseWriter, InspectionCaseReader, DeadlinesReader],
  exports: [InspectionCaseWriter, InspectionCaseReader, DeadlinesReader],
})
export class InspectionModule {}
