import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  ExpensiveReadLimiter,
  ReportsService,
  type AdmissionsRollUp,
  type PipelineReport,
  type PipelineRollUp,
} from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { AdmissionsReport, QuotaReport, QuotaRollUp } from '@ketnap/projections';
import { CommitteeParams, CommitteeYearParams, COMMITTEE_NOT_FOUND } from '../committees/committee.params';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { PLAN_YEAR_INVALID } from '../plans/plan-year.params';
import { QuotaReportQueryDto } from './quota-report.query.dto';
import {
  ADMISSIONS_EXAMPLE,
  AdmissionsReportDto,
  PIPELINE_EXAMPLE,
  PipelineReportDto,
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

/** A 200 answering a party committee's report, or a higher committee's roll-up. */
const either = (
  description: string,
  report: new () => object,
  reportExample: unknown,
  rollUp: new () => object,
  rollUpExample: unknown,
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
    },
  });

const FORBIDDEN_COMMITTEE = PROBLEMS.of(
  new ProblemException(403, 'FORBIDDEN.units-read-committee', { committeeId: 'dong-tay' }),
);

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
  )
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_NOT_FOUND,
    FORBIDDEN_COMMITTEE,
    PROBLEMS.of(new ProblemException(404, 'PLAN_NOT_FOUND', { year: '2024' })),
    PROBLEMS.tooManyExpensiveReads,
    PROBLEMS.readModelNotReady,
  )
  async quota(
    @Param() { committeeId, year }: CommitteeYearParams,
    @Query() { asOf }: QuotaReportQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<QuotaReport | QuotaRollUp> {
    if (this.reports.foldsTheLog(asOf)) admitExpensiveRead(this.expensive, actor);
    const report = await this.reports.committeeQuota(committeeId, year, actor, asOf);
    if (!report) throw new ProblemException(404, 'PLAN_NOT_FOUND', { year: String(year) });
    return report;
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
  @ApiProblems(COMMITTEE_NOT_FOUND, FORBIDDEN_COMMITTEE, PROBLEMS.readModelNotReady)
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
  @ApiProblems(PLAN_YEAR_INVALID, COMMITTEE_NOT_FOUND, FORBIDDEN_COMMITTEE, PROBLEMS.readModelNotReady)
  admissions(
    @Param() { committeeId, year }: CommitteeYearParams,
    @CurrentActor() actor: Actor,
  ): Promise<AdmissionsReport | AdmissionsRollUp> {
    return this.reports.committeeAdmissions(committeeId, year, actor);
  }
}
