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
