import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  InspectionCaseReader,
  InspectionCaseWriter,
  PersonalDataReads,
  RequestError,
  decodeCaseCursor,
  type CommandContext,
} from '@ketnap/engine';
import { fieldError, type FieldError } from '@ketnap/domain';
import type { Actor } from '@ketnap/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { PersonalDataReader } from '../common/auth/personal-data-reader.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { replyLanguage } from '../common/request/reply-language';
import { Write } from '../common/request/write-context.decorator';
import {
  AcknowledgeCaseRequestDto,
  CASE_EXAMPLE,
  CASE_LIST_EXAMPLE,
  CASE_WRITE_EXAMPLE,
  CaseWriteResponseDto,
  CloseCaseRequestDto,
  InspectionCaseListResponseDto,
  InspectionCaseResponseDto,
  InspectionCasesQueryDto,
} from './inspection.dto';

const CaseId = () =>
  ApiParam({ name: 'id', description: "The case's id: the dossier's id, the obligation and its due date" });
const CASE_ID = '61e43c88-da60-492c-b551-3414f88bacb8_admission-decision_2024-06-04';
/** What working a case may answer besides any write's problems. */
const CaseWork = (summary: string, invalid: FieldError) =>
  applyDecorators(
    ApiOperation({ summary }),
    CaseId(),
    ApiWrite('case', PROBLEMS.invalid(invalid)),
    ApiOkResponse({ type: CaseWriteResponseDto, example: CASE_WRITE_EXAMPLE, description: "The case's new version" }),
    ApiProblems(PROBLEMS.caseNotFound, PROBLEMS.caseClosed, PROBLEMS.caseWithdrawn),
  );

/**
 * The inspection committee's cases (API.md "Deadlines, inspection, audit"): each breach the deadline
 * saga escalated, with the dossier's procedure history and the deadline's explanation. That history
 * holds the candidate's personal data: the read of each case's dossier is logged (API.md "Personal data").
 */
@ApiTags('inspection')
@ApiBearerAuth()
@Controller('inspection/cases')
export class InspectionCasesController {
  constructor(
    private readonly reader: InspectionCaseReader,
    private readonly writer: InspectionCaseWriter,
    private readonly personalReads: PersonalDataReads,
  ) {}

  @Get()
  @Requires('inspection:read')
  @ScopedTo('filtered')
  @ApiOperation({ summary: "The inspection committee's cases: each breach escalated, with its histories" })
  @ApiOkResponse({ type: InspectionCaseListResponseDto, example: CASE_LIST_EXAMPLE })
  @ApiProblems(
    PROBLEMS.of(new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')])),
    PROBLEMS.readModelNotReady,
  )
  async list(
    @Query() query: InspectionCasesQueryDto,
    @CurrentActor() actor: Actor,
    @PersonalDataReader() reader: Actor | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const after = query.cursor === undefined ? undefined : decodeCaseCursor(query.cursor);
    if (after === null)
      throw new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')]);
    const page = await this.reader.list(
      {
        ...(query.status && { status: query.status }),
        limit: query.limit ?? 50,
        ...(after !== undefined && { afterPosition: after }),
      },
      actor,
      replyLanguage(req, reply),
    );
    if (reader)
      this.personalReads.record(reader, 'inspection-case', [...new Set(page.items.map((item) => item.dossierId))]);
    return page;
  }

  @Get(':id')
  @Requires('inspection:read')
  @ScopedTo('resource')
  @ApiOperation({ summary: 'One inspection case with its histories' })
  @CaseId()
  @ApiOkResponse({ type: InspectionCaseResponseDto, example: CASE_EXAMPLE })
  @ApiProblems(PROBLEMS.of(new ProblemException(404, 'NOT_FOUND.inspection-case', { id: CASE_ID })))
  async get(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @PersonalDataReader() reader: Actor | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.reader.get(id, actor, replyLanguage(req, reply));
    if (!found) throw new ProblemException(404, 'NOT_FOUND.inspection-case', { id });
    if (reader) this.personalReads.record(reader, 'inspection-case', found.dossierId);
    return found;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Requires('inspection:work')
  @ScopedTo('resource')
  @CaseWork(
    'Acknowledge the case: the committee is looking into it',
    fieldError('note', 'field.max-length', { max: 4000 }),
  )
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
  @CaseWork("Close the case with the committee's finding and resolution", fieldError('finding', 'field.required'))
  async close(@Param('id') id: string, @Body() body: CloseCaseRequestDto, @Write() context: CommandContext) {
    const { appended: _appended, ...result } = await this.writer.work(
      id,
      { type: 'CloseInspectionCase', data: { finding: body.finding, resolution: body.resolution } },
      context,
    );
    return result;
  }
}
