import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@ketnap/domain';
import type { QuotaReport } from '@ketnap/projections';
import type { ScopedActor } from '../auth/actor-scope';
import { ReportsService } from '../read-models/reports.service';

/** The whole report, every unit of the plan: an issue is never narrowed to a reader. */
const EVERY_UNIT: ScopedActor = { role: 'admin', unitIds: [] };

/**
 * The one place the issued quarterly reports get their figures from:
 * {@link IssuedQuotaReportSource.reportAsOf}. Today a year has one plan, so the committee is the
 * plan's `committeeId`; with a plan per committee, this is what changes.
 */
@Injectable()
export class IssuedQuotaReportSource {
  constructor(private readonly reports: ReportsService) {}

  /** The committee's quota report of `year` as of `asOf` (folded from the log), or `undefined` without its plan. */
  async reportAsOf(committeeId: string, year: number, asOf: LocalDate): Promise<QuotaReport | undefined> {
    const report = await this.reports.quotaFolded(year, EVERY_UNIT, asOf);
    return report && report.committee.unitId === committeeId ? report : undefined;
  }
}
