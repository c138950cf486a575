import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PlanMinimumsDto, PlanQuarterDto } from './put-plan.request.dto';

/** OpenAPI only: the shapes of a plan as answered. */
export class TargetsDto {
  @ApiProperty() nominations!: number;
  @ApiProperty() admissions!: number;
}

export class PlanUnitResponseDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['branches', 'coordination'], description: 'The published table the row belongs to' })
  table!: string;
  @ApiProperty({ type: [PlanQuarterDto] }) quarters!: PlanQuarterDto[];
  @ApiProperty({ type: TargetsDto }) total!: TargetsDto;
}

export class PlanResponseDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'How many times the plan was adopted; send it as If-Match' }) version!: number;
  @ApiPropertyOptional() committeeId?: string;
  @ApiProperty({ enum: ['json', 'tsv'] }) source!: string;
  @ApiProperty({ type: [PlanUnitResponseDto] }) units!: PlanUnitResponseDto[];
  @ApiPropertyOptional({ type: PlanMinimumsDto }) minimums?: PlanMinimumsDto;
  @ApiProperty({ type: [String], description: 'What the import assumed or noticed' }) warnings!: string[];
}

const QUARTERS_EXAMPLE = [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: 1 }));
export const PLAN_EXAMPLE = {
  year: 2024,
  version: 1,
  committeeId: 'xa-dong',
  source: 'json',
  units: [
    {
      unitId: 'thon-mot',
      name: 'Chi bộ thôn Một',
      table: 'branches',
      quarters: QUARTERS_EXAMPLE,
      total: { nominations: 4, admissions: 4 },
    },
    {
      unitId: 'hoi-dong',
      name: 'Hội Phụ nữ xã Đông',
      table: 'coordination',
      quarters: QUARTERS_EXAMPLE,
      total: { nominations: 4, admissions: 4 },
    },
  ],
  minimums: { total: 2 },
  warnings: ['Chi bộ thôn Hai: quarter 4 blank, read as 0'],
};
