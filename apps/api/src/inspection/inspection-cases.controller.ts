import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  InspectionCaseReader,
  InspectionCaseWriter,
  RequestError,
  decodeCaseCursor,
  type CommandContext,
} from '@ketnap/engine';
import { fieldError } from '@ketnap/domain';
import type { Actor } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import { Write } from '../common/request/write-context.decorator';
import {
  AcknowledgeCaseRequestDto,
  CaseWriteResponseDto,
  CloseCaseRequestDto,
  InspectionCasesQueryDto,
} from './inspection.dto';

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: "The case's version the client saw (409 when stale)",
});
const IDEMPOTENCY_KEY = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes the write safe to resend',
});

/**
 * The inspection committee's cases (API.md "Deadlines, inspection, audit"): each breach the deadline
 * saga escalated, with the dossier's procedure history and the deadline's explanation.
 */
@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection/cases')
export class InspectionCasesController {
  constructor(
    private readonly reader: InspectionCaseReader,
    private readonly writer: InspectionCaseWriter,
  ) {}

  @Get()
  @Requires('inspection:read')
  @ScopedTo('filtered')
  list(@Query() query: InspectionCasesQueryDto, @CurrentActor() actor: Actor) {
    const after = query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor);
    if (after === null)
      throw new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')]);
    return this.reader.list(
      {
        ...(query.status && { status: query.status }),
        limit: query.limit ?? 50,
        ...(after !== undefined && { afterPosition: after }),
      },
      actor,
    );
  }

  @Get(':id')
  @Requires('inspection:read')
  @ScopedTo('resource')
  async get(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const found = await this.reader.get(id, actor);
    if (!found) throw new ProblemException(404, 'NOT_FOUND.inspection-case', { id });
    return found;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Requires('inspection:work')
  @ScopedTo('resource')
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiOkResponse({ type: CaseWriteResponseDto })
  async acknowledge(
    @Param('id') id: string,
    @Body() body: AcknowledgeCaseRequestDto,
    @Write() context: CommandContext,
  ) {
    const { appended: _appended, ...result } = await this.writer.work(
      id,
      { type: 'AcknowledgeInspectionCase', data: body.note === undefined ? {} : { note: body.note } },
      context,
    );
    return result;
  }

  @Post(':id/close')
  @HttpCode(200)
  @Requires('inspection:work')
  @ScopedTo('resource')
  @IF_MATCH
  @IDEMPOTENCY_KEY
  @ApiOkResponse({ type: CaseWriteResponseDto })
  async close(@Param('id') id: string, @Body() body: CloseCaseRequestDto, @Write() context: CommandContext) {
    const { appended: _appended, ...result } = await this.writer.work(
      id,
      { type: 'CloseInspectionCase', data: { finding: body.finding, resolution: body.resolution } },
      context,
    );
    return result;
  }
}
