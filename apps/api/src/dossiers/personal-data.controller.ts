import { Body, Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError, fieldError } from '@ketnap/domain';
import {
  ErasePersonalDataCommand,
  ExportPersonalDataQuery,
  PersonalDataReads,
  type CommandContext,
  type ErasureOutcome,
  type PersonalExport,
} from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { PersonalDataReader } from '../common/auth/personal-data-reader.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { Write } from '../common/request/write-context.decorator';
import {
  ERASURE_EXAMPLE,
  ErasePersonalDataDto,
  ErasureResponseDto,
  PERSONAL_EXPORT_EXAMPLE,
  PersonalExportResponseDto,
} from './dto/personal-data.dto';

const DossierId = () => ApiParam({ name: 'id', description: "The dossier's id (from POST /dossiers)", format: 'uuid' });

/** A candidate's personal data (API.md v1 additions, "Personal data"): export and erasure. */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class PersonalDataController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly personalReads: PersonalDataReads,
  ) {}

  @Get(':id/personal-export')
  @Requires('personal:export')
  @ScopedTo('resource')
  @ApiOperation({ summary: 'Every piece of personal data the dossier holds: the candidate, and each personal part' })
  @DossierId()
  @ApiOkResponse({ type: PersonalExportResponseDto, example: PERSONAL_EXPORT_EXAMPLE })
  @ApiProblems(PROBLEMS.dossierIdNotFound)
  async export(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @PersonalDataReader() reader: Actor | undefined,
  ): Promise<PersonalExport> {
    const exported = (await this.queries.execute(new ExportPersonalDataQuery(id, actor))) as PersonalExport | null;
    if (!exported) throw new ProblemException(404, 'DOSSIER_NOT_FOUND.id', { id });
    if (reader) this.personalReads.record(reader, 'export', id);
    return exported;
  }

  @Delete(':id/personal')
  @HttpCode(200)
  @Requires('personal:erase')
  @ScopedTo('resource')
  @ApiOperation({
    summary:
      "Erase the candidate's personal data by destroying the dossier's key; steps, dates, deadlines and counts stay",
  })
  @DossierId()
  @ApiWrite('dossier', PROBLEMS.invalid(fieldError('legalBasis', 'field.required')))
  @ApiOkResponse({ type: ErasureResponseDto, example: ERASURE_EXAMPLE })
  @ApiProblems(
    PROBLEMS.dossierNotFound,
    PROBLEMS.of(new DomainError('PERSONAL_DATA_ERASED', { erasedOn: '2026-12-07' }, { erasedOn: '2026-12-07' })),
  )
  erase(
    @Param('id') id: string,
    @Body() body: ErasePersonalDataDto,
    @Write() context: CommandContext,
  ): Promise<ErasureOutcome> {
    return this.commands.execute(new ErasePersonalDataCommand(id, { ...body }, context));
  }
}
