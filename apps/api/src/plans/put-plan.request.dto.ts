import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { QUARTERS, UNIT_ID_PATTERN, type Quarter } from '@ketnap/domain';
import { UNIT_ID_MESSAGE } from '../units/unit-id.params';

const MAX_TARGET = 10_000;

export class PlanQuarterDto {
  @ApiProperty({ enum: QUARTERS })
  @IsIn(QUARTERS)
  quarter!: Quarter;

  @ApiProperty({ minimum: 0, description: 'Nominations (giới thiệu quần chúng ưu tú)' })
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET)
  nominations!: number;

  @ApiProperty({ minimum: 0, description: 'Admissions (kết nạp)' })
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET)
  admissions!: number;
}

export class PlanUnitDto {
  @ApiProperty({ example: 'lang-gia' })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  unitId!: string;

  @ApiProperty({ type: [PlanQuarterDto], description: 'Missing quarters are 0 (and said so in the warnings)' })
  @IsArray()
  @ArrayMaxSize(4)
  @ArrayUnique((q: PlanQuarterDto) => q?.quarter, {
    message: 'each quarter may appear once',
    context: { message: 'field.unique-quarter' },
  })
  @ValidateNested({ each: true })
  @Type(() => PlanQuarterDto)
  quarters!: PlanQuarterDto[];
}

export class PlanMinimumsDto {
  @ApiPropertyOptional({ description: 'Admissions the commune must reach at least' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET)
  total?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET)
  rural?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TARGET)
  agency?: number;
}

/** `PUT /plans/{year}` with a JSON body. */
export class PutPlanRequestDto {
  @ApiProperty({ example: 'dong-tien' })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  committeeId!: string;

  @ApiProperty({ type: [PlanUnitDto] })
  @IsArray()
  @ArrayMaxSize(1_000)
  @ArrayUnique((u: PlanUnitDto) => u?.unitId, {
    message: 'each unit may appear once',
    context: { message: 'field.unique-unit' },
  })
  @ValidateNested({ each: true })
  @Type(() => PlanUnitDto)
  units!: PlanUnitDto[];

  @ApiPropertyOptional({ type: PlanMinimumsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PlanMinimumsDto)
  minimums?: PlanMinimumsDto;
}
