import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { IssuedQuotaReportSource } from './issued-quota-report.source';
import { IssuedQuotaReportsReader } from './issued-quota-reports.reader';
import { QuotaIssuer } from './quota-issuer';

/**
 * The quarterly issued quota reports: their reader (the API's routes) and, for the worker, a task of the deadline sweep (its timers and
 * clock jumps), which does nothing while `config.worker` is off. Needs the read models (`ReadModelsModule`, global) and the deadlines' bindings.
 */
@Module({
  imports: [DeadlinesModule],
  providers: [IssuedQuotaReportSource, QuotaIssuer, IssuedQuotaReportsReader],
  exports: [IssuedQuotaReportSource, IssuedQuotaReportsReader],
})
export class QuotaIssuesModule {}
