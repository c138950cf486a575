import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { PLAN_YEAR_MAX, PLAN_YEAR_MIN } from '@ketnap/domain';

export class PlanYearParams {
  @ApiProperty({ type: 'integer', example: 2024, minimum: PLAN_YEAR_MIN, maximum: PLAN_YEAR_MAX })
  @Type(() => Number)
  @IsInt()
  @Min(PLAN_YEAR_MIN)
  @Max(PLAN_YEAR_MAX)
  year!: number;
}
