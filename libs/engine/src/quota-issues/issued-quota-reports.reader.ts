import { Inject, Injectable } from '@nestjs/common';
import type { LocalDate, Quarter, QuotaIssueDifference } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import type { ScopedActor } from '../auth/actor-scope';
import { RequestError } from '../commands/refusals';
import { UnitsReader } from '../units/units.reader';
import { quotaIssuesOf, type QuotaIssue } from './quota-issuer';

/** One issue as the list shows it. */
export interface IssuedQuotaReportItem {
  quarter: Quarter;
  asOf: LocalDate;
  issuedOn: LocalDate;
  issuedAt: string;
  hash: string;
  /** How many unit rows and quarters changed since the previous issue. */
  differences: number;
}

/**
 * The issued quarterly quota reports of a committee (`GET /committees/{id}/reports/quota/{year}/issued`),
 * read from their stream: the API answers them whether or not this process runs the worker.
 */
@Injectable()
export class IssuedQuotaReportsReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitsReader,
  ) {}

  /** @throws RequestError 404 `NOT_FOUND.unit` when the catalog holds no party committee of this id. */
  async list(committeeId: string, year: number): Promise<IssuedQuotaReportItem[]> {
    await this.committee(committeeId);
    return (await quotaIssuesOf(this.store, committeeId, year)).map((i) => ({
      quarter: i.quarter,
      asOf: i.asOf,
      issuedOn: i.issuedOn,
      issuedAt: i.issuedAt,
      hash: i.hash,
      differences: i.differences.length,
    }));
  }

  /**
   * One issue as frozen; for a reader whose units do not include the committee, only the unit rows
   * (and differences) of its units, without the committee's and the blocks' totals, marked `narrowed`
   * (the hash stays the whole report's).
   * @throws RequestError 404 for an unknown committee or a quarter not issued.
   */
  async one(
    committeeId: string,
    year: number,
    quarter: Quarter,
    actor: ScopedActor,
  ): Promise<QuotaIssue | (QuotaIssue & { narrowed: true })> {
    await this.committee(committeeId);
    const issue = (await quotaIssuesOf(this.store, committeeId, year)).find((i) => i.quarter === quarter);
    if (!issue)
      throw new RequestError('not-found', 'NOT_FOUND.quota-issue', {
        committeeId,
        year: String(year),
        quarter: String(quarter),
      });
    const scope = await this.units.scopeOf(actor);
    if (scope.covers(committeeId)) return issue;
    const covered = (d: { unitId: string | null }) => d.unitId !== null && scope.covers(d.unitId);
    const rows = Array.isArray(issue.report.units) ? (issue.report.units as Array<{ unitId: string }>) : [];
    const { blocks: _blocks, committee: _committee, minimums: _minimums, ...report } = issue.report;
    return {
      ...issue,
      report: { ...report, units: rows.filter(covered) },
      differences: issue.differences.filter(covered as (d: QuotaIssueDifference) => boolean),
      narrowed: true,
    };
  }

  private async committee(committeeId: string): Promise<void> {
    const unit = (await this.units.catalog()).get(committeeId);
    if (unit?.kind !== 'party-committee')
      throw new RequestError('not-found', 'NOT_FOUND.unit', { unitId: committeeId });
  }
}
