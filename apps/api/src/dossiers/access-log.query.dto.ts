import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { isDossierId } from '@ketnap/engine';
import { PageCursor, PageLimit } from '../common/validation/page.query';

/** `GET /audit/access?dossierId=&limit=&cursor=`. */
export class AccessLogQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only the reads of this dossier's personal data; without it, every dossier's",
    example: '61e43c88-da60-492c-b551-3414f88bacb8',
  })
  @IsOptional()
  @ValidateBy(
    {
      name: 'isDossierId',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isDossierId(value),
        defaultMessage: () => 'dossierId must be a dossier id (the UUID POST /dossiers answered)',
      },
    },
    { context: { message: 'field.dossier-id' } },
  )
  dossierId?: string;

  @PageLimit() limit?: number;

  @PageCursor() cursor?: string;
}
