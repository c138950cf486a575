import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadlinesReader } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { fieldError } from '@ketnap/domain';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { DeadlinesQueryDto } from './deadlines.query.dto';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { DEADLINE_LIST_EXAMPLE, DeadlineListResponseDto } from './deadline.response.dto';

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
  @ApiOperation({ summary: 'The deadlines board: every obligation of every dossier, judged on today' })
  @ApiOkResponse({ type: DeadlineListResponseDto, example: DEADLINE_LIST_EXAMPLE })
  @ApiProblems(PROBLEMS.invalid(fieldError('dueBefore', 'field.date')), PROBLEMS.readModelNotReady)
  list(@Query() query: DeadlinesQueryDto, @CurrentActor() actor: Actor) {
    return this.deadlines.list({ ...query, limit: query.limit ?? 50 }, actor);
  }
}
