import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { UNIT_ID_PATTERN } from '@ketnap/domain';
import { QueryBoolean, Trimmed } from '../common/validation/input.transforms';
import { UNIT_ID_MESSAGE } from '../units/unit-id.params';

/** Options of `PUT /plans/{year}` for the published table (ignored with a JSON body). */
export class PutPlanQueryDto {
  @ApiPropertyOptional({
    description:
      'Create the units the catalog lacks: branches (table 1), mass orgs (table 2) and their party committee ' +
      '(committeeId, else dang-uy) when the catalog has none',
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: '$property must be true or false' })
  createUnits?: boolean;

  @ApiPropertyOptional({
    pattern: UNIT_ID_PATTERN.source,
    example: 'xa-dong',
    description:
      "The plan's committee; default: the catalog's only party committee. With createUnits, created when the " +
      'catalog lacks it',
  })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  committeeId?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    example: 'Đảng ủy xã Đồng Tiến',
    description: 'The name of the party committee createUnits creates (default: Đảng ủy); only with createUnits',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  committeeName?: string;

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
