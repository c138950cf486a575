import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExpensiveReadLimiter, ReportsService } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { COMMITTEE_REQUIRED } from '../committees/committee.params';
import { PLAN_YEAR_INVALID, PlanYearParams } from '../plans/plan-year.params';
import { ApiReportOk } from './api-report.decorator';
import { QuotaReportQueryDto } from './quota-report.query.dto';
import { reportAnswer, sendReport } from './report-answer';
import { CSV_SEPARATOR_INVALID } from './report-format.query.dto';
import {
  ADMISSIONS_EXAMPLE,
  AdmissionsReportDto,
  PIPELINE_EXAMPLE,
  PipelineReportDto,
  QUOTA_CSV_EXAMPLE,
  QUOTA_EXAMPLE,
  QuotaReportDto,
} from './report.response.dto';

/**
 * The committees' reports (API.md "Reports"); they may lag the writes by up to a second, and are
 * narrowed to the units their reader acts for (API.md "Access").
 */
@ApiTags('reports')
@ApiBearerAuth()
@ScopedTo('filtered')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly expensive: ExpensiveReadLimiter,
  ) {}

  /** Quota attainment per unit, quarter and block; `Accept: text/csv` or XLSX gives the published table's layout. */
  @Get('quota/:year')
  @Requires('reports:read')
  @ApiOperation({
    summary: 'Quota attainment per unit, quarter and block (JSON, or CSV or XLSX in the published layout)',
  })
  @ApiReportOk('quota', QuotaReportDto, { json: QUOTA_EXAMPLE, csv: QUOTA_CSV_EXAMPLE }, 'The quota report')
  @ApiProblems(
    PLAN_YEAR_INVALID,
    CSV_SEPARATOR_INVALID,
    COMMITTEE_REQUIRED,
    PROBLEMS.of(new ProblemException(404, 'PLAN_NOT_FOUND', { year: '2024' })),
    PROBLEMS.tooManyExpensiveReads,
    PROBLEMS.readModelNotReady,
  )
  async quota(
    @Param() { year }: PlanYearParams,
    @Query() { asOf, sep }: QuotaReportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    if (this.reports.foldsTheLog(asOf)) admitExpensiveRead(this.expensive, actor);
    const report = await this.reports.quota(year, actor, asOf);
    if (!report) throw new ProblemException(404, 'PLAN_NOT_FOUND', { year: String(year) });
    return sendReport(res, await reportAnswer('quota', report, req.headers.accept, { sep }));
  }

  /** Candidates per branch and stage, today. */
  @Get('pipeline')
  @Requires('reports:read')
  @ApiOperation({ summary: 'Candidates per branch and stage, today (JSON or XLSX)' })
  @ApiReportOk('pipeline', PipelineReportDto, { json: PIPELINE_EXAMPLE }, 'The pipeline report')
  @ApiProblems(COMMITTEE_REQUIRED, PROBLEMS.readModelNotReady)
  async pipeline(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    return sendReport(res, await reportAnswer('pipeline', await this.reports.pipeline(actor), req.headers.accept));
  }

  /** Admissions decided in a year: totals and breakdowns. */
  @Get('admissions/:year')
  @Requires('reports:read')
  @ApiOperation({
    summary: 'Admissions decided in a year: totals and breakdowns (gender, ethnicity, age, …), JSON or XLSX',
  })
  @ApiReportOk('admissions', AdmissionsReportDto, { json: ADMISSIONS_EXAMPLE }, 'The admissions report')
  @ApiProblems(PLAN_YEAR_INVALID, COMMITTEE_REQUIRED, PROBLEMS.readModelNotReady)
  async admissions(
    @Param() { year }: PlanYearParams,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<unknown> {
    const report = await this.reports.admissions(year, actor);
    return sendReport(res, await reportAnswer('admissions', report, req.headers.accept));
  }
}
