import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trimmed } from '../../common/validation/input.transforms';
import { IsLegalDate } from '../../common/validation/is-legal-date.validator';

/** A required line of text (trimmed, NFC), at most `max` characters. */
export const Text = (max = 200, example?: string) =>
  applyDecorators(ApiProperty({ maxLength: max, example }), Trimmed(), IsString(), IsNotEmpty(), MaxLength(max));

/** An optional line of text. */
export const OptionalText = (max = 200, example?: string) =>
  applyDecorators(
    ApiPropertyOptional({ maxLength: max, example }),
    IsOptional(),
    Trimmed(),
    IsString(),
    MaxLength(max),
  );

/** A required legal date `YYYY-MM-DD` that exists. */
export const LegalDate = (example: string, description?: string) =>
  applyDecorators(ApiProperty({ format: 'date', example, description }), IsLegalDate());

export const OptionalLegalDate = (example: string, description?: string) =>
  applyDecorators(ApiPropertyOptional({ format: 'date', example, description }), IsOptional(), IsLegalDate());
