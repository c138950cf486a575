import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn } from 'class-validator';
import { QUARTERS, type Quarter } from '@ketnap/domain';
import { IssuedQuotaReportsReader, RequestError, type IssuedQuotaReportItem } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { QuotaReport } from '@ketnap/projections';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { CommitteeYearParams } from '../committees/committee.params';
import { PLAN_YEAR_INVALID } from '../plans/plan-year.params';
import { XLSX_EXAMPLE } from './api-report.decorator';
import { CSV_TYPE, JSON_TYPE, XLSX_TYPE, reportAnswer, sendReport } from './report-answer';

export class IssuedReportParams extends CommitteeYearParams {
  @ApiProperty({ enum: QUARTERS })
  @Type(() => Number)
  @IsIn(QUARTERS)
  quarter!: Quarter;
}

class IssuedQuotaReportItemDto {
  @ApiProperty({ enum: QUARTERS }) quarter!: Quarter;
  @ApiProperty({ format: 'date', description: "The quarter's last day" }) asOf!: string;
  @ApiProperty({ format: 'date', description: 'The first working day after the quarter' }) issuedOn!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ description: "SHA-256 (hex) of the report's canonical JSON" }) hash!: string;
  @ApiProperty({ description: 'Unit rows and quarters changed since the previous issue' }) differences!: number;
}

const HASH = '9f2c4d0e5b7a1c3e8d6f4a2b0c9e7d5f3a1b8c6e4d2f0a9b7c5e3d1f8a6b4c2e';
const ITEM_EXAMPLE = {
  quarter: 2,
  asOf: '2024-06-30',
  issuedOn: '2024-07-01',
  issuedAt: '2024-07-01T01:00:00.000Z',
  hash: HASH,
  differences: 1,
};

const unknownCommittee = PROBLEMS.of(new RequestError('not-found', 'NOT_FOUND.unit', { unitId: 'dong-tien' }));

/**
 * The quota reports issued after each quarter (API.md "Committees and reports across levels"): frozen
 * in the log with their hash, never changed; read by the quota report's readers.
 */
@ApiTags('reports')
@ApiBearerAuth()
@ScopedTo('filtered')
@Controller('committees/:committeeId/reports/quota/:year/issued')
export class IssuedReportsController {
  constructor(private readonly issued: IssuedQuotaReportsReader) {}

  @Get()
  @Requires('reports:read')
  @ApiOperation({ summary: "The committee's quota reports issued for a year, one per quarter ended" })
  @ApiOkResponse({ type: [IssuedQuotaReportItemDto], example: [ITEM_EXAMPLE] })
  @ApiProblems(PLAN_YEAR_INVALID, unknownCommittee)
  list(@Param() { committeeId, year }: CommitteeYearParams): Promise<IssuedQuotaReportItem[]> {
    return this.issued.list(committeeId, year);
  }

  @Get(':quarter')
  @Requires('reports:read')
  @ApiOperation({
    summary:
      'One issued quota report, as frozen (with its hash and the differences since the previous); its report as CSV or XLSX',
  })
  @ApiProduces(JSON_TYPE, CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({
    description:
      "The issue: the report as of the quarter's last day, its hash, the differences (JSON); with Accept: text/csv or " +
      `${XLSX_TYPE}, the issued report itself as a file laid out like the published table (${XLSX_EXAMPLE}); a reader ` +
      'outside the committee gets its own rows, as JSON',
    schema: { type: 'object' },
    example: {
      committeeId: 'dong-tien',
      year: 2024,
      quarter: 2,
      asOf: '2024-06-30',
      issuedOn: '2024-07-01',
      issuedAt: '2024-07-01T01:00:00.000Z',
      hash: HASH,
      report: { year: 2024, asOf: '2024-06-30', units: [] },
      differences: [
        {
          unitId: 'lang-gia',
          quarter: 1,
          before: { nominations: 0, admissions: 0 },
          after: { nominations: 1, admissions: 0 },
        },
      ],
    },
  })
  @ApiProblems(
    PLAN_YEAR_INVALID,
    unknownCommittee,
    PROBLEMS.of(
      new RequestError('not-found', 'NOT_FOUND.quota-issue', { committeeId: 'dong-tien', year: '2024', quarter: '4' }),
    ),
  )
  async one(
    @Param() { committeeId, year, quarter }: IssuedReportParams,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const issue = await this.issued.one(committeeId, year, quarter, actor);
    // A file is the whole issued report; a reader narrowed to some of its rows gets them as JSON.
    if ('narrowed' in issue) return issue;
    const file = await reportAnswer(
      'quota',
      issue.report as unknown as QuotaReport,
      req.headers.accept,
      {},
      { committeeId },
    );
    return file.headers['Content-Type'] === undefined ? issue : sendReport(res, file);
  }
}
