import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DeadlinesReader, ROLE_GRANTS, UnitsReader, actorMayActForUnit, type AuthenticatedActor } from '@ketnap/engine';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires } from '../common/auth/requires.decorator';
import { DeadlinesQueryDto } from './deadlines.query.dto';
import { DeadlineListResponseDto } from './deadline.response.dto';

/** The deadlines board (API.md "Deadlines, inspection, audit"): every obligation of every dossier, judged on today. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesReader,
    private readonly units: UnitsReader,
  ) {}

  /** An office token naming units sees the deadlines of the branches under them; a page may then hold fewer items. */
  @Get()
  @Requires('inspection:read')
  @ApiOkResponse({ type: DeadlineListResponseDto })
  async list(@Query() query: DeadlinesQueryDto, @CurrentActor() actor: AuthenticatedActor) {
    const page = this.deadlines.list({ ...query, limit: query.limit ?? 50 });
    if (ROLE_GRANTS[actor.role].scope === 'all' || actor.units.length === 0) return page;
    const catalog = await this.units.catalog();
    const visible = page.items.filter((d) => d.branchId !== undefined && actorMayActForUnit(actor, d.branchId, (u) => catalog.get(u)?.parentId));
    return { items: visible, nextCursor: page.nextCursor };
  }
}
