import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { fieldError } from '@ketnap/domain';
import { CLOCK_JUMP, RequestError, type ClockJumpPort } from '@ketnap/engine';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { validateBody } from '../common/validation/validation.pipe';

/** `POST /system/clock`: an ISO 8601 instant with its offset (`Z` or `+07:00`), so it means one instant everywhere. */
export class SetClockRequestDto {
  @ApiProperty({ example: '2024-06-05T00:00:00+07:00' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'now must be an ISO 8601 instant with an offset, such as 2024-06-05T00:00:00+07:00',
    context: { message: 'field.instant' },
  })
  now!: string;
}

class ClockResponseDto {
  @ApiProperty({ format: 'date-time', description: 'The clock now' }) now!: string;
  @ApiProperty({ description: 'Breaches recorded by the sweep' }) breached!: number;
  @ApiProperty({ description: 'Reminders sent by the sweep' }) reminders!: number;
  @ApiProperty({ description: 'Quarterly quota reports issued by the sweep' }) issued!: number;
}

/** The manual clock (API.md "System"), for tests and demos: only with `KETNAP_CLOCK=manual`, otherwise 404. */
@ApiTags('system')
@ApiBearerAuth()
@ScopedTo('none')
@Controller('system/clock')
export class ClockController {
  constructor(@Inject(CLOCK_JUMP) private readonly clock: ClockJumpPort) {}

  /** Moves the clock forward, runs the deadline sweep to completion, answers once every consequence is visible. */
  @Post()
  @HttpCode(200)
  @Requires('system:clock')
  @ApiOperation({ summary: 'Move the manual clock forward and run the deadline sweep to completion' })
  @ApiBody({ type: SetClockRequestDto })
  @ApiOkResponse({
    type: ClockResponseDto,
    example: { now: '2024-07-10T01:00:00.000Z', breached: 1, reminders: 2, issued: 1 },
    description: 'Once every consequence of the sweep is visible to the next request',
  })
  @ApiProblems(
    PROBLEMS.invalid(fieldError('now', 'field.instant')),
    PROBLEMS.malformedJson,
    PROBLEMS.of(new RequestError('not-found', 'NOT_FOUND.manual-clock')),
    PROBLEMS.of(new RequestError('conflict', 'WORKER_OFF')),
    PROBLEMS.payloadTooLarge,
    PROBLEMS.unsupportedMediaType,
    PROBLEMS.of(
      new RequestError('unprocessable', 'CLOCK_BACKWARDS', {
        now: '2024-07-10T01:00:00.000Z',
        asked: '2024-07-01T01:00:00.000Z',
      }),
    ),
  )
  async set(@Body() body: unknown) {
    if (!this.clock.enabled) throw new RequestError('not-found', 'NOT_FOUND.manual-clock');
    const { now } = await validateBody(SetClockRequestDto, body);
    const instant = new Date(now);
    if (Number.isNaN(instant.getTime()))
      throw new RequestError('invalid', 'VALIDATION_FAILED.instant', {}, [fieldError('now', 'field.instant-exists')]);
    return this.clock.set(instant);
  }
}
