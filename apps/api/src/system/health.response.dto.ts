import { ApiProperty, PickType } from '@nestjs/swagger';
import { EVENT_STORE_KINDS } from '@ketnap/engine';

/** `GET /health` as answered (OpenAPI only). */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok'] }) status!: string;
  @ApiProperty({ enum: EVENT_STORE_KINDS, description: 'The event store' }) store!: string;
  @ApiProperty({ enum: ['embedded', 'bullmq'], description: 'Where deadlines are scheduled' }) scheduler!: string;
  @ApiProperty({ description: "The event log's head position" }) head!: number;
  @ApiProperty({ description: 'Events the slowest consumer of the log has still to handle' }) lag!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'The lag of each consumer' })
  consumers!: Record<string, number>;
}
export const HEALTH_EXAMPLE = {
  status: 'ok',
  store: 'sqlite',
  scheduler: 'embedded',
  head: 19,
  lag: 0,
  consumers: { 'projection:dossier-list': 0, 'projection:quota': 0, 'deadline-saga': 0 },
};

export class HealthUnavailableResponseDto extends PickType(HealthResponseDto, ['store', 'scheduler'] as const) {
  @ApiProperty({ enum: ['unavailable'] }) status!: string;
  @ApiProperty({ description: 'Why the store does not answer' }) detail!: string;
}
export const HEALTH_UNAVAILABLE_EXAMPLE = {
  status: 'unavailable',
  store: 'sqlite',
  scheduler: 'bullmq',
  detail: 'database disk image is malformed',
};
