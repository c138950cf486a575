import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DeadlinesReader } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { DeadlinesQueryDto } from './deadlines.query.dto';
import { DeadlineListResponseDto } from './deadline.response.dto';

/** The deadlines board (API.md "Deadlines, inspection, audit"): every obligation of every dossier, judged on today. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesReader) {}

  /** Narrowed to the dossiers of the branches under the reader's units, for a role scoped to units. */
  @Get()
  @Requires('inspection:read')
  @ScopedTo('filtered')
  @ApiOkResponse({ type: DeadlineListResponseDto })
  list(@Query() query: DeadlinesQueryDto, @CurrentActor() actor: Actor) {
    return this.deadlines.list({ ...query, limit: query.limit ?? 50 }, actor);
  }
}
