import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { ConsumerRegistry, KETNAP_CONFIG, type KetnapConfig } from '@ketnap/engine';
import { Public } from '../common/auth/requires.decorator';
import {
  HEALTH_EXAMPLE,
  HEALTH_UNAVAILABLE_EXAMPLE,
  HealthResponseDto,
  HealthUnavailableResponseDto,
} from './health.response.dto';

/** `GET /health` (no auth): 200 when the store answers, 503 with the reason when it does not. */
@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    private readonly consumers: ConsumerRegistry,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Whether the server and its store answer, and how far the consumers of the log lag' })
  @ApiOkResponse({ type: HealthResponseDto, example: HEALTH_EXAMPLE })
  @ApiServiceUnavailableResponse({
    type: HealthUnavailableResponseDto,
    example: HEALTH_UNAVAILABLE_EXAMPLE,
    description: 'The store does not answer',
  })
  async health(@Res({ passthrough: true }) res: FastifyReply) {
    const scheduler = this.config.redisUrl ? 'bullmq' : 'embedded';
    try {
      const head = await this.store.headPosition();
      const lag = this.consumers.lag(head);
      return {
        status: 'ok',
        store: this.store.name,
        scheduler,
        head,
        lag: Math.max(0, ...Object.values(lag)),
        consumers: lag,
      };
    } catch (error) {
      void res.code(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'unavailable',
        store: this.store.name,
        scheduler,
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
