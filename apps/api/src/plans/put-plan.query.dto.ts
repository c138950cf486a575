import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { UNIT_ID_PATTERN } from '@ketnap/domain';
import { QueryBoolean } from '../common/validation/input.transforms';
import { UNIT_ID_MESSAGE } from '../units/unit-id.params';

/** Options of `PUT /plans/{year}` for the published table (ignored with a JSON body). */
export class PutPlanQueryDto {
  @ApiPropertyOptional({
    description: 'Create the units the catalog lacks: branches (table 1) and mass orgs (table 2)',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: '$property must be true or false' })
  createUnits?: boolean;

  @ApiPropertyOptional({
    pattern: UNIT_ID_PATTERN.source,
    example: 'xa-dong',
    description: "The plan's committee; default: the catalog's only party committee",
  })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  committeeId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10_000,
    description: 'Minimum admissions for the commune (the plan text, not the table)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  minTotal?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10_000,
    description: 'Minimum admissions in rural branches',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  minRural?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10_000,
    description: 'Minimum admissions in agency branches',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  minAgency?: number;
}
