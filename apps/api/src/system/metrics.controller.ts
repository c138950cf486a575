import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { Public } from '../common/auth/requires.decorator';
import { ConsumerRegistry } from '@ketnap/engine';

/** `GET /metrics` (no auth): Prometheus text. Never a label with personal data. */
@ApiTags('system')
@Controller()
export class MetricsController {
  private readonly registry = new Registry();

  constructor(@Inject(EVENT_STORE) store: EventStore, consumers: ConsumerRegistry) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ketnap_' });
    new Gauge({
      name: 'ketnap_event_store_head_position',
      help: 'Highest global position in the event log',
      registers: [this.registry],
      async collect() {
        this.set(await store.headPosition());
      },
    });
    new Gauge({
      name: 'ketnap_consumer_lag_events',
      help: 'Events a log consumer has still to handle',
      labelNames: ['consumer'],
      registers: [this.registry],
      async collect() {
        const head = await store.headPosition();
        this.reset();
        for (const [name, value] of Object.entries(consumers.lag(head))) this.set({ consumer: name }, value);
      },
    });
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Metrics in the Prometheus text format (never a label with personal data)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    schema: { type: 'string' },
    example:
      '# HELP ketnap_event_store_head_position Highest global position in the event log\n' +
      '# TYPE ketnap_event_store_head_position gauge\nketnap_event_store_head_position 19\n',
  })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
