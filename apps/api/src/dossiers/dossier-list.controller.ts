import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierListService, PersonalDataReads } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { DossierSummary } from '@ketnap/projections';
import { STAGES, fieldError } from '@ketnap/domain';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { PersonalDataReader } from '../common/auth/personal-data-reader.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { DOSSIER_LIST_EXAMPLE, DossierListResponseDto } from './dto/dossier.response.dto';
import { DossierListQueryDto } from './dossier-list.query.dto';

/**
 * `GET /dossiers`: dossier summaries, newest nomination first, narrowed to what the reader may see; the
 * list may lag the writes by up to a second. A page names its candidates: the read of each dossier on
 * it is logged (API.md "Personal data").
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossierListController {
  constructor(
    private readonly dossiers: DossierListService,
    private readonly personalReads: PersonalDataReads,
  ) {}

  @Get()
  @Requires('dossiers:list')
  @ScopedTo('filtered')
  @ApiOperation({ summary: 'Dossier summaries, newest nomination first, by branch, stage, overdue or name' })
  @ApiOkResponse({ type: DossierListResponseDto, example: DOSSIER_LIST_EXAMPLE })
  @ApiProblems(
    PROBLEMS.invalid(fieldError('stage', 'field.one-of', { values: [...STAGES] })),
    PROBLEMS.readModelNotReady,
  )
  async list(
    @Query() query: DossierListQueryDto,
    @CurrentActor() actor: Actor,
    @PersonalDataReader() reader: Actor | undefined,
  ): Promise<{ items: DossierSummary[]; nextCursor: string | null }> {
    const page = await this.dossiers.list(actor, { ...query, limit: query.limit ?? 50 });
    if (reader)
      this.personalReads.record(
        reader,
        'list',
        page.items.map((item) => item.id),
      );
    return page;
  }
}
