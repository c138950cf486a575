import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReportsService, type PipelineReport } from '@ketnap/engine';
import { quotaCsv, type AdmissionsReport, type QuotaReport } from '@ketnap/projections';
import { Requires } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import { PlanYearParams } from '../plans/plan-year.params';
import { QuotaReportQueryDto } from './quota-report.query.dto';
import { fromReadModel } from './read-model-answer';

const CSV = 'text/csv';

/** The committees' reports (API.md "Reports"); they may lag the writes by up to a second. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Quota attainment per unit, quarter and block; `Accept: text/csv` gives the published table's layout. */
  @Get('quota/:year')
  @Requires('reports:read')
  @ApiProduces('application/json', CSV)
  @ApiOkResponse({ description: 'The quota report (JSON), or the same as CSV (UTF-8 with BOM)' })
  async quota(
    @Param() { year }: PlanYearParams,
    @Query() { asOf }: QuotaReportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QuotaReport | string> {
    const report = await fromReadModel(() => this.reports.quota(year, asOf));
    if (!report) throw new ProblemException(404, 'PLAN_NOT_FOUND', `no plan adopted for ${year}`);
    if (req.accepts(['application/json', CSV]) !== CSV) return report;
    res.setHeader('Content-Type', `${CSV}; charset=utf-8`);
    res.setHeader('Content-Disposition', `attachment; filename="chi-tieu-dang-vien-${year}-${report.asOf}.csv"`);
    return quotaCsv(report);
  }

  /** Candidates per branch and stage, today. */
  @Get('pipeline')
  @Requires('reports:read')
  pipeline(): Promise<PipelineReport> {
    return fromReadModel(() => this.reports.pipeline());
  }

  /** Admissions decided in a year: totals and breakdowns. */
  @Get('admissions/:year')
  @Requires('reports:read')
  admissions(@Param() { year }: PlanYearParams): Promise<AdmissionsReport> {
    return fromReadModel(() => this.reports.admissions(year));
  }
}
