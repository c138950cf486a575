import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@ketnap/domain';
import type { QuotaReport } from '@ketnap/projections';
import type { ScopedActor } from '../auth/actor-scope';
import { ReportsService } from '../read-models/reports.service';

/** The whole report, every unit of the plan: an issue is never narrowed to a reader. */
const EVERY_UNIT: ScopedActor = { role: 'admin', unitIds: [] };

/**
 * The one place the issued quarterly reports get their figures from:
 * {@link IssuedQuotaReportSource.reportAsOf}: the party committee's own report (its plan, its units),
 * folded from the log as of the quarter's last day. A higher committee's roll-up is not issued.
 */
@Injectable()
export class IssuedQuotaReportSource {
  constructor(private readonly reports: ReportsService) {}

  /** The committee's quota report of `year` as of `asOf` (folded from the log), or `undefined` without its plan. */
  async reportAsOf(committeeId: string, year: number, asOf: LocalDate): Promise<QuotaReport | undefined> {
    const report = await this.reports.committeeQuotaFolded(committeeId, year, EVERY_UNIT, asOf);
    return report && !('committees' in report) ? report : undefined;
  }
}
