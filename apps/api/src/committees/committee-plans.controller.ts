import { Body, Controller, Get, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { fieldError, type PlanView } from '@ketnap/domain';
import { AdoptPlanCommand, GetPlanQuery, type CommandContext } from '@ketnap/engine';
import { TSV } from '../bootstrap/body-parsing';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import type { ApiRequest } from '../common/request/api-request';
import { replyLanguage } from '../common/request/reply-language';
import { Write } from '../common/request/write-context.decorator';
import { PLAN_EXAMPLE, PlanResponseDto, planInLanguage, type PlanResponse } from '../plans/plan.response.dto';
import { PLAN_YEAR_INVALID } from '../plans/plan-year.params';
import { submissionOf } from '../plans/plans.controller';
import { PutPlanQueryDto } from '../plans/put-plan.query.dto';
import { PutPlanRequestDto } from '../plans/put-plan.request.dto';
import { COMMITTEE_NOT_FOUND, CommitteeYearParams } from './committee.params';

/**
 * The plans of one party committee (API.md "Committees and reports across levels"): the same bodies
 * as `PUT /plans/{year}`, stored per committee and year.
 */
@ApiTags('plans')
@ApiBearerAuth()
@ScopedTo('none')
@ApiExtraModels(PutPlanRequestDto)
@Controller('committees')
export class CommitteePlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':committeeId/plans/:year')
  @HttpCode(200)
  @Requires('plans:write')
  @ApiConsumes('application/json', TSV)
  @ApiBody({
    description: `JSON naming this committee, or the published table as ${TSV} (read for this committee)`,
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PutPlanRequestDto) },
        { type: 'string', description: 'tab-separated published table' },
      ],
    },
  })
  @ApiOperation({ summary: "Adopt a party committee's plan of a year: JSON, or the published table" })
  @ApiWrite('plan', PROBLEMS.invalid(fieldError('committeeId', 'field.committee-path', { value: 'dong-tien' })))
  @ApiOkResponse({ type: PlanResponseDto, example: PLAN_EXAMPLE, description: 'The plan as adopted, with warnings' })
  @ApiProblems(PLAN_YEAR_INVALID, COMMITTEE_NOT_FOUND)
  async put(
    @Param() { committeeId, year }: CommitteeYearParams,
    @Query() query: PutPlanQueryDto,
    @Body() body: unknown,
    @Req() req: ApiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Write() context: CommandContext,
  ): Promise<PlanResponse> {
    const submission = await submissionOf(req, body, query);
    const plan: PlanView = await this.commands.execute(new AdoptPlanCommand(year, submission, context, committeeId));
    return planInLanguage(plan, replyLanguage(req, reply));
  }

  @Get(':committeeId/plans/:year')
  @Requires('plans:read')
  @ApiOperation({ summary: "A party committee's plan of a year, as last adopted" })
  @ApiOkResponse({ type: PlanResponseDto, example: PLAN_EXAMPLE })
  @ApiProblems(
    PLAN_YEAR_INVALID,
    COMMITTEE_NOT_FOUND,
    PROBLEMS.of(new ProblemException(404, 'NOT_FOUND.plan', { year: '2024' })),
  )
  async get(
    @Param() { committeeId, year }: CommitteeYearParams,
    @Req() req: ApiRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanResponse> {
    const plan: PlanView | undefined = await this.queries.execute(new GetPlanQuery(year, committeeId));
    if (!plan) throw new ProblemException(404, 'NOT_FOUND.plan', { year: String(year) });
    return planInLanguage(plan, replyLanguage(req, reply));
  }
}
