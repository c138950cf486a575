import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
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

/** One receiver of the plan's issued quarterly quota reports (Nơi nhận). */
export class PlanRecipientDto {
  @ApiProperty({ example: 'Ban Tổ chức Huyện ủy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({
    example: 'https://huyen-uy.example/ketnap/quota-reports',
    description: 'An http(s) URL: each issued report is POSTed there, signed like the reminders',
  })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL', context: { message: 'field.webhook-url' } },
  )
  webhookUrl?: string;
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

  @ApiPropertyOptional({
    type: [PlanRecipientDto],
    description: 'Nơi nhận: who receives the quota report issued after each quarter',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanRecipientDto)
  recipients?: PlanRecipientDto[];
}
