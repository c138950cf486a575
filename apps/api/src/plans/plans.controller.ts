import { Body, Controller, Get, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { PlanError, QUARTERS, fieldError, type PlanView } from '@ketnap/domain';
import { AdoptPlanCommand, GetPlanQuery, type PlanSubmission, type CommandContext } from '@ketnap/engine';
import { TSV } from '../bootstrap/body-parsing';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import type { ApiRequest } from '../common/request/api-request';
import { replyLanguage } from '../common/request/reply-language';
import { Write } from '../common/request/write-context.decorator';
import { validateBody, validationRefusal } from '../common/validation/validation.pipe';
import { COMMITTEE_REQUIRED } from '../committees/committee.params';
import { PLAN_EXAMPLE, PlanResponseDto, planInLanguage, type PlanResponse } from './plan.response.dto';
import { PLAN_YEAR_INVALID, PlanYearParams } from './plan-year.params';
import { PutPlanQueryDto } from './put-plan.query.dto';
import { PutPlanRequestDto } from './put-plan.request.dto';

/** Yearly plans: `PUT /plans/{year}` (JSON or the published table), `GET /plans/{year}`. */
@ApiTags('plans')
@ApiBearerAuth()
@ScopedTo('none')
@ApiExtraModels(PutPlanRequestDto)
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':year')
  @HttpCode(200)
  @Requires('plans:write')
  @ApiConsumes('application/json', TSV)
  @ApiBody({
    description:
      `JSON, or the published table as ${TSV} (units matched by name; ?createUnits=true creates the missing ` +
      'ones, their party committee too when the catalog has none)',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PutPlanRequestDto) },
        { type: 'string', description: 'tab-separated published table' },
      ],
    },
  })
  @ApiOperation({ summary: "Adopt the year's plan: JSON, or the published table as tab-separated text" })
  @ApiWrite(
    'plan',
    PROBLEMS.invalid(fieldError('units.0.quarters.0.quarter', 'field.one-of', { values: [...QUARTERS] })),
  )
  @ApiOkResponse({ type: PlanResponseDto, example: PLAN_EXAMPLE, description: 'The plan as adopted, with warnings' })
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_REQUIRED,
    PROBLEMS.of(
      new PlanError(
        'PLAN_FORMAT_INVALID.not-a-number',
        { line: '7', column: 'Quý I Kết nạp', text: 'hai' },
        { line: 7, column: 'Quý I Kết nạp' },
      ),
    ),
    PROBLEMS.of(
      new PlanError('UNKNOWN_UNIT.no-names', { names: ['"Y tế"', '"Hội Phụ nữ"'] }, { names: ['Y tế', 'Hội Phụ nữ'] }),
    ),
  )
  async put(
    @Param() { year }: PlanYearParams,
    @Query() query: PutPlanQueryDto,
    @Body() body: unknown,
    @Req() req: ApiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Write() context: CommandContext,
  ): Promise<PlanResponse> {
    const plan: PlanView = await this.commands.execute(
      new AdoptPlanCommand(year, await submissionOf(req, body, query), context),
    );
    return planInLanguage(plan, replyLanguage(req, reply));
  }

  @Get(':year')
  @Requires('plans:read')
  @ApiOperation({ summary: "The year's plan as last adopted" })
  @ApiOkResponse({ type: PlanResponseDto, example: PLAN_EXAMPLE })
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_REQUIRED,
    PROBLEMS.of(new ProblemException(404, 'NOT_FOUND.plan', { year: '2024' })),
  )
  async get(
    @Param() { year }: PlanYearParams,
    @Req() req: ApiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanResponse> {
    const plan: PlanView | undefined = await this.queries.execute(new GetPlanQuery(year));
    if (!plan) throw new ProblemException(404, 'NOT_FOUND.plan', { year: String(year) });
    return planInLanguage(plan, replyLanguage(req, reply));
  }
}

export async function submissionOf(req: ApiRequest, body: unknown, query: PutPlanQueryDto): Promise<PlanSubmission> {
  if (!req.headers['content-type']?.toLowerCase().startsWith(TSV))
    return { format: 'json', input: await validateBody(PutPlanRequestDto, body) };
  if (typeof body !== 'string' || body.trim() === '') {
    throw new ProblemException(
      400,
      'VALIDATION_FAILED.empty-table',
      {},
      { errors: [fieldError('body', 'field.table-empty')] },
    );
  }
  if (query.committeeName !== undefined && query.createUnits !== true)
    throw validationRefusal([fieldError('committeeName', 'field.only-with', { with: 'createUnits=true' })]);
  const minimums = { total: query.minTotal, rural: query.minRural, agency: query.minAgency };
  const given = Object.fromEntries(Object.entries(minimums).filter(([, value]) => value !== undefined));
  return {
    format: 'tsv',
    text: body,
    createUnits: query.createUnits ?? false,
    ...(query.committeeId ? { committeeId: query.committeeId } : {}),
    ...(query.committeeName ? { committeeName: query.committeeName } : {}),
    ...(Object.keys(given).length > 0 ? { minimums: given } : {}),
  };
}
