import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_LOCALE, messageOf } from '@ketnap/domain';

/** One invalid field of a 400 (OpenAPI only). */
export class FieldErrorDto {
  @ApiProperty({ example: 'candidate.birthDate', description: 'The field, nested ones with dotted paths' })
  field!: string;

  @ApiProperty({
    example: messageOf('field.date', {}, DEFAULT_LOCALE),
    description: 'In the language of Accept-Language (Vietnamese by default)',
  })
  message!: string;
}

/** An error answer, `application/problem+json` (RFC 9457), as API.md "Conventions" fixes it (OpenAPI only). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:ketnap:problem:version-conflict', description: '`urn:ketnap:problem:` and the code' })
  type!: string;

  @ApiProperty({ example: 'Conflict', description: 'The status in words' })
  title!: string;

  @ApiProperty({ example: 409 })
  status!: number;

  @ApiProperty({ description: 'What went wrong and what to do, for a person to read' })
  detail!: string;

  @ApiProperty({
    example: 'VERSION_CONFLICT',
    description: 'Stable: clients switch on it (VALIDATION_FAILED, VERSION_CONFLICT, STEP_OUT_OF_ORDER, …)',
  })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Every invalid field (400)' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The figures behind a refusal by a rule (422)',
  })
  details?: Record<string, unknown>;
}
