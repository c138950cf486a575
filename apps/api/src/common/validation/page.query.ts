import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=` of a list (API.md "Conventions": default 50, at most 500). */
export const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 50 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
  );

/** `?cursor=`: the `nextCursor` of the previous page. */
export const PageCursor = () =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: 500, description: 'nextCursor of the previous page' }),
    IsOptional(),
    IsString(),
    MaxLength(500),
  );
