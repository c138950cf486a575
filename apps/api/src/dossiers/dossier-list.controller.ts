import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DossierListService } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { DossierSummary } from '@ketnap/projections';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { DossierListQueryDto } from './dossier-list.query.dto';

/**
 * `GET /dossiers`: dossier summaries, newest nomination first, narrowed to what the reader may see; the
 * list may lag the writes by up to a second.
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossierListController {
  constructor(private readonly dossiers: DossierListService) {}

  @Get()
  @Requires('dossiers:list')
  @ScopedTo('filtered')
  list(
    @Query() query: DossierListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ items: DossierSummary[]; nextCursor: string | null }> {
    return this.dossiers.list(actor, { ...query, limit: query.limit ?? 50 });
  }
}
