import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CHECKPOINT_ID } from '@ketnap/engine';
import { PageLimit } from '../common/validation/page.query';

/** `GET /audit/verify?checkpoint=`. */
export class AuditVerifyQueryDto {
  @ApiPropertyOptional({
    description:
      'A checkpoint id (GET /audit/checkpoints): also names every stream changed, truncated, deleted or added since it',
    example: 'cp-000000001234-20240307T020000000Z',
    pattern: CHECKPOINT_ID.source,
  })
  @IsOptional()
  @Matches(CHECKPOINT_ID, {
    message: 'checkpoint must be a checkpoint id such as cp-000000001234-20240307T020000000Z',
    context: { message: 'field.checkpoint-id' },
  })
  checkpoint?: string;
}

/** `GET /audit/checkpoints?limit=`. */
export class AuditCheckpointsQueryDto {
  @PageLimit() limit?: number;
}
