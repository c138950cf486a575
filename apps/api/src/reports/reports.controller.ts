import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExpensiveReadLimiter, ReportsService, type PipelineReport } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { quotaCsv, type AdmissionsReport, type QuotaReport } from '@ketnap/projections';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { preferredType } from '../common/request/negotiation';
import { COMMITTEE_REQUIRED } from '../committees/committee.params';
import { PLAN_YEAR_INVALID, PlanYearParams } from '../plans/plan-year.params';
import { QuotaReportQueryDto } from './quota-report.query.dto';
import {
  ADMISSIONS_EXAMPLE,
  AdmissionsReportDto,
  PIPELINE_EXAMPLE,
  PipelineReportDto,
  QUOTA_CSV_EXAMPLE,
  QUOTA_EXAMPLE,
  QuotaReportDto,
} from './report.response.dto';

const CSV = 'text/csv';

/**
 * The committees' reports (API.md "Reports"); they may lag the writes by up to a second, and are
 * narrowed to the units their reader acts for (API.md "Access").
 */
@ApiTags('reports')
@ApiBearerAuth()
@ScopedTo('filtered')
@ApiExtraModels(QuotaReportDto)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly expensive: ExpensiveReadLimiter,
  ) {}

  /** Quota attainment per unit, quarter and block; `Accept: text/csv` gives the published table's layout. */
  @Get('quota/:year')
  @Requires('reports:read')
  @ApiProduces('application/json', CSV)
  @ApiOperation({ summary: 'Quota attainment per unit, quarter and block (JSON, or CSV in the published layout)' })
  @ApiResponse({
    status: 200,
    description: 'The quota report (JSON), or the same as CSV (UTF-8 with BOM) with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(QuotaReportDto) }, example: QUOTA_EXAMPLE },
      [CSV]: { schema: { type: 'string' }, example: QUOTA_CSV_EXAMPLE },
    },
  })
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_REQUIRED,
    PROBLEMS.of(new ProblemException(404, 'PLAN_NOT_FOUND', { year: '2024' })),
    PROBLEMS.tooManyExpensiveReads,
    PROBLEMS.readModelNotReady,
  )
  async quota(
    @Param() { year }: PlanYearParams,
    @Query() { asOf }: QuotaReportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<QuotaReport | string> {
    if (this.reports.foldsTheLog(asOf)) admitExpensiveRead(this.expensive, actor);
    const report = await this.reports.quota(year, actor, asOf);
    if (!report) throw new ProblemException(404, 'PLAN_NOT_FOUND', { year: String(year) });
    if (preferredType(req.headers.accept, ['application/json', CSV]) !== CSV) return report;
    void res.header('Content-Type', `${CSV}; charset=utf-8`);
    void res.header('Content-Disposition', `attachment; filename="chi-tieu-dang-vien-${year}-${report.asOf}.csv"`);
    return quotaCsv(report);
  }

  /** Candidates per branch and stage, today. */
  @Get('pipeline')
  @Requires('reports:read')
  @ApiOperation({ summary: 'Candidates per branch and stage, today' })
  @ApiOkResponse({ type: PipelineReportDto, example: PIPELINE_EXAMPLE })
  @ApiProblems(COMMITTEE_REQUIRED, PROBLEMS.readModelNotReady)
  pipeline(@CurrentActor() actor: Actor): Promise<PipelineReport> {
    return this.reports.pipeline(actor);
  }

  /** Admissions decided in a year: totals and breakdowns. */
  @Get('admissions/:year')
  @Requires('reports:read')
  @ApiOperation({ summary: 'Admissions decided in a year: totals and breakdowns (gender, ethnicity, age, …)' })
  @ApiOkResponse({ type: AdmissionsReportDto, example: ADMISSIONS_EXAMPLE })
  @ApiProblems(PLAN_YEAR_INVALID, COMMITTEE_REQUIRED, PROBLEMS.readModelNotReady)
  admissions(@Param() { year }: PlanYearParams, @CurrentActor() actor: Actor): Promise<AdmissionsReport> {
    return this.reports.admissions(year, actor);
  }
}
