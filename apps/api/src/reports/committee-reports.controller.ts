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
import { quotaCsv, type AdmissionsReport, type QuotaReport, type QuotaRollUp } from '@ketnap/projections';
import { CommitteeParams, CommitteeYearParams, COMMITTEE_NOT_FOUND } from '../committees/committee.params';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { preferredType } from '../common/request/negotiation';
import { PLAN_YEAR_INVALID } from '../plans/plan-year.params';
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
  @ApiProduces('application/json', CSV)
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_NOT_FOUND,
    PROBLEMS.of(new ProblemException(404, 'PLAN_NOT_FOUND', { year: '2024' })),
    PROBLEMS.tooManyExpensiveReads,
    PROBLEMS.readModelNotReady,
  )
  async quota(
    @Param() { committeeId, year }: CommitteeYearParams,
    @Query() { asOf }: QuotaReportQueryDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<QuotaReport | QuotaRollUp | string> {
    if (this.reports.foldsTheLog(asOf)) admitExpensiveRead(this.expensive, actor);
    const report = await this.reports.committeeQuota(committeeId, year, actor, asOf);
    if (!report) throw new ProblemException(404, 'PLAN_NOT_FOUND', { year: String(year) });
    // A party committee's report has the published table's layout as CSV; a roll-up answers JSON.
    if ('committees' in report || preferredType(req.headers.accept, ['application/json', CSV]) !== CSV) return report;
    void res.header('Content-Type', `${CSV}; charset=utf-8`);
    void res.header(
      'Content-Disposition',
      `attachment; filename="chi-tieu-dang-vien-${committeeId}-${year}-${report.asOf}.csv"`,
    );
    return quotaCsv(report);
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
  pipeline(
    @Param() { committeeId }: CommitteeParams,
    @CurrentActor() actor: Actor,
  ): Promise<PipelineReport | PipelineRollUp> {
    return this.reports.committeePipeline(committeeId, actor);
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
  admissions(
    @Param() { committeeId, year }: CommitteeYearParams,
    @CurrentActor() actor: Actor,
  ): Promise<AdmissionsReport | AdmissionsRollUp> {
    return this.reports.committeeAdmissions(committeeId, year, actor);
  }
}
