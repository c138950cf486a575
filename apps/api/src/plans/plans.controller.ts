import { Body, Controller, Get, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { fieldError, type PlanView } from '@ketnap/domain';
import { AdoptPlanCommand, GetPlanQuery, type PlanSubmission, type CommandContext } from '@ketnap/engine';
import { TSV } from '../bootstrap/body-parsing';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import type { ApiRequest } from '../common/request/api-request';
import { Write } from '../common/request/write-context.decorator';
import { validateBody } from '../common/validation/validation.pipe';
import { PlanResponseDto } from './plan.response.dto';
import { PlanYearParams } from './plan-year.params';
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
    description: `JSON, or the published table as ${TSV} (units matched by name; ?createUnits=true creates the missing ones)`,
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PutPlanRequestDto) },
        { type: 'string', description: 'tab-separated published table' },
      ],
    },
  })
  @ApiHeader({ name: 'If-Match', required: false, description: "The plan's version the client saw (409 when stale)" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes the write safe to resend' })
  @ApiOkResponse({ type: PlanResponseDto })
  async put(
    @Param() { year }: PlanYearParams,
    @Query() query: PutPlanQueryDto,
    @Body() body: unknown,
    @Req() req: ApiRequest,
    @Write() context: CommandContext,
  ): Promise<PlanView> {
    return this.commands.execute(new AdoptPlanCommand(year, await submissionOf(req, body, query), context));
  }

  @Get(':year')
  @Requires('plans:read')
  @ApiOkResponse({ type: PlanResponseDto })
  async get(@Param() { year }: PlanYearParams): Promise<PlanView> {
    const plan = await this.queries.execute(new GetPlanQuery(year));
    if (!plan) throw new ProblemException(404, 'NOT_FOUND.plan', { year: String(year) });
    return plan;
  }
}

async function submissionOf(req: ApiRequest, body: unknown, query: PutPlanQueryDto): Promise<PlanSubmission> {
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
  const minimums = { total: query.minTotal, rural: query.minRural, agency: query.minAgency };
  const given = Object.fromEntries(Object.entries(minimums).filter(([, value]) => value !== undefined));
  return {
    format: 'tsv',
    text: body,
    createUnits: query.createUnits ?? false,
    ...(query.committeeId ? { committeeId: query.committeeId } : {}),
    ...(Object.keys(given).length > 0 ? { minimums: given } : {}),
  };
}
