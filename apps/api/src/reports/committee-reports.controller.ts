import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ExpensiveReadLimiter,
  ReportsService,
  type AdmissionsRollUp,
  type PipelineReport,
  type PipelineRollUp,
} from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { AdmissionsReport } from '@ketnap/projections';
import { CommitteeParams, CommitteeYearParams, COMMITTEE_NOT_FOUND } from '../committees/committee.params';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { PLAN_YEAR_INVALID } from '../plans/plan-year.params';
import { QuotaReportQueryDto } from './quota-report.query.dto';
import { XLSX_EXAMPLE } from './api-report.decorator';
import { XLSX_TYPE, reportAnswer, sendReport } from './report-answer';
import {
  ADMISSIONS_EXAMPLE,
  AdmissionsReportDto,
  PIPELINE_EXAMPLE,
  PipelineReportDto,
  QUOTA_CSV_EXAMPLE,
  QUOTA_EXAMPLE,
  QuotaReportDto,
} from './report.response.dto';
import {
  ADMISSIONS_ROLL_UP_EXAMPLE,
  AdmissionsRollUpDto,
  PIPELINE_ROLL_UP_EXAMPLE,
  PipelineRollUpDto,
  QUOTA_ROLL_UP_EXAMPLE,
  QuotaRollUpDto,
} from './roll-up.response.dto';

const CSV = 'text/csv';

/** A 200 answering a party committee's report, or a higher committee's roll-up. */
const either = (
  description: string,
  report: new () => object,
  reportExample: unknown,
  rollUp: new () => object,
  rollUpExample: unknown,
  csv?: string,
) =>
  ApiResponse({
    status: 200,
    description,
    content: {
      'application/json': {
        schema: { oneOf: [{ $ref: getSchemaPath(report) }, { $ref: getSchemaPath(rollUp) }] },
        examples: {
          committee: { summary: 'A party committee', value: reportExample },
          rollUp: {
            summary: 'A higher committee: one row per party committee below it, then totals',
            value: rollUpExample,
          },
        },
      },
      ...(csv !== undefined && { [CSV]: { schema: { type: 'string' }, example: csv } }),
      // A party committee's report as a workbook laid out like the published table; a roll-up as one
      // row per party committee below the higher committee, then the totals.
      [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' }, example: XLSX_EXAMPLE },
    },
  });

/**
 * The reports of one committee (API.md "Committees and reports across levels"): a party committee's
 * narrowed to its units, a higher committee's rolled up per party committee below it; both narrowed
 * to the units their reader acts for (403 when it acts for none of them).
 */
@ApiTags('reports')
@ApiBearerAuth()
@ScopedTo('filtered')
@ApiExtraModels(
  QuotaReportDto,
  QuotaRollUpDto,
  PipelineReportDto,
  PipelineRollUpDto,
  AdmissionsReportDto,
  AdmissionsRollUpDto,
)
@Controller('committees')
export class CommitteeReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly expensive: ExpensiveReadLimiter,
  ) {}

  @Get(':committeeId/reports/quota/:year')
  @Requires('reports:read')
  @ApiOperation({ summary: "A committee's quota attainment (a higher committee's: one row per party committee)" })
  @either(
    'The quota report, or the roll-up of a higher committee',
    QuotaReportDto,
    QUOTA_EXAMPLE,
    QuotaRollUpDto,
    QUOTA_ROLL_UP_EXAMPLE,
    QUOTA_CSV_EXAMPLE,
  )
  @ApiProduces('application/json', CSV, XLSX_TYPE)
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_NOT_FOUND,
    PROBLEMS.of(new ProblemException(404, 'PLAN_NOT_FOUND', { year: '2024' })),
    PROBLEMS.tooManyExpensiveReads,
    PROBLEMS.readModelNotReady,
  )
  async quota(
    @Param() { committeeId, year }: CommitteeYearParams,
    @Query() { asOf, sep }: QuotaReportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    if (this.reports.foldsTheLog(asOf)) admitExpensiveRead(this.expensive, actor);
    const report = await this.reports.committeeQuota(committeeId, year, actor, asOf);
    if (!report) throw new ProblemException(404, 'PLAN_NOT_FOUND', { year: String(year) });
    // A party committee's report has the published table's layout as CSV and XLSX; a roll-up as XLSX.
    if ('committees' in report)
      return sendReport(res, await reportAnswer('quota-roll-up', report, req.headers.accept, {}, { committeeId }));
    return sendReport(res, await reportAnswer('quota', report, req.headers.accept, { sep }, { committeeId }));
  }

  @Get(':committeeId/reports/pipeline')
  @Requires('reports:read')
  @ApiOperation({
    summary: "Candidates per branch and stage of a committee (a higher committee's: per party committee)",
  })
  @either(
    'The pipeline, or the roll-up of a higher committee',
    PipelineReportDto,
    PIPELINE_EXAMPLE,
    PipelineRollUpDto,
    PIPELINE_ROLL_UP_EXAMPLE,
  )
  @ApiProblems(COMMITTEE_NOT_FOUND, PROBLEMS.readModelNotReady)
  async pipeline(
    @Param() { committeeId }: CommitteeParams,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const report: PipelineReport | PipelineRollUp = await this.reports.committeePipeline(committeeId, actor);
    if ('committees' in report)
      return sendReport(res, await reportAnswer('pipeline-roll-up', report, req.headers.accept, {}, { committeeId }));
    return sendReport(res, await reportAnswer('pipeline', report, req.headers.accept, {}, { committeeId }));
  }

  @Get(':committeeId/reports/admissions/:year')
  @Requires('reports:read')
  @ApiOperation({ summary: "A committee's admissions of a year (a higher committee's: per party committee)" })
  @either(
    'The admissions, or the roll-up of a higher committee',
    AdmissionsReportDto,
    ADMISSIONS_EXAMPLE,
    AdmissionsRollUpDto,
    ADMISSIONS_ROLL_UP_EXAMPLE,
  )
  @ApiProblems(PLAN_YEAR_INVALID, COMMITTEE_NOT_FOUND, PROBLEMS.readModelNotReady)
  async admissions(
    @Param() { committeeId, year }: CommitteeYearParams,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const report: AdmissionsReport | AdmissionsRollUp = await this.reports.committeeAdmissions(
      committeeId,
      year,
      actor,
    );
    if ('committees' in report)
      return sendReport(res, await reportAnswer('admissions-roll-up', report, req.headers.accept, {}, { committeeId }));
    return sendReport(res, await reportAnswer('admissions', report, req.headers.accept, {}, { committeeId }));
  }
}
