import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogReader, RequestError } from '@ketnap/engine';
import { fieldError } from '@ketnap/domain';
import type { AccessLogEntry } from '@ketnap/projections';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { AccessLogQueryDto } from './access-log.query.dto';
import { ACCESS_LOG_EXAMPLE, AccessLogResponseDto } from './access-log.response.dto';

/**
 * `GET /audit/access` (API.md "Personal data"): who read a dossier's personal data, and when, for the
 * inspection committee. A dossier nobody read, or that does not exist, has an empty log: the answer
 * names no person, so it reveals nothing of one. Reading the log is not a read of personal data: it
 * records nothing.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ScopedTo('none')
@Controller('audit')
export class AccessLogController {
  constructor(private readonly log: AccessLogReader) {}

  @Get('access')
  @Requires('audit:access')
  @ApiOperation({
    summary: "Who read a dossier's personal data, and when, the newest first (every dossier's without ?dossierId=)",
    description:
      'Reads are logged in batches within a second; this answer includes every read this server served before it.',
  })
  @ApiOkResponse({ type: AccessLogResponseDto, example: ACCESS_LOG_EXAMPLE })
  @ApiProblems(
    PROBLEMS.invalid(fieldError('dossierId', 'field.dossier-id')),
    PROBLEMS.of(new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')])),
    PROBLEMS.readModelNotReady,
  )
  list(@Query() query: AccessLogQueryDto): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
    return this.log.list({
      ...(query.dossierId !== undefined && { dossierId: query.dossierId }),
      limit: query.limit ?? 50,
      ...(query.cursor !== undefined && { cursor: query.cursor }),
    });
  }
}
