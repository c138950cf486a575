import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { PLAN_YEAR_MAX, PLAN_YEAR_MIN, fieldError } from '@ketnap/domain';
import { PROBLEMS } from '../common/openapi/problems';

export class PlanYearParams {
  @ApiProperty({ type: 'integer', example: 2024, minimum: PLAN_YEAR_MIN, maximum: PLAN_YEAR_MAX })
  @Type(() => Number)
  @IsInt()
  @Min(PLAN_YEAR_MIN)
  @Max(PLAN_YEAR_MAX)
  year!: number;
}

/** The OpenAPI example of a year out of range, on every route with a `{year}` ({@link PlanYearParams}). */
export const PLAN_YEAR_INVALID = PROBLEMS.invalid(
  fieldError('year', 'field.integer-range', { min: PLAN_YEAR_MIN, max: PLAN_YEAR_MAX }),
);
