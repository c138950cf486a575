import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { UNIT_BLOCKS, UNIT_ID_PATTERN, UNIT_KINDS, type UnitBlock, type UnitKind } from '@ketnap/domain';
import { Trimmed } from '../common/validation/input.transforms';
import { UNIT_ID_MESSAGE } from './unit-id.params';

/** `PUT /units/{unitId}`: the whole unit (fields left out are removed). */
export class PutUnitRequestDto {
  @ApiProperty({ example: 'Chi bộ Làng Gia', maxLength: 200 })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: UnitKind;

  @ApiPropertyOptional({ example: 'dong-tien', pattern: UNIT_ID_PATTERN.source })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  parentId?: string;

  @ApiPropertyOptional({
    enum: UNIT_BLOCKS,
    description: 'Branch block: villages are rural; schools, clinic, militia are agency',
  })
  @IsOptional()
  @IsIn(UNIT_BLOCKS)
  block?: UnitBlock;

  @ApiPropertyOptional({ minimum: 0, description: 'Official members: the denominator of a branch vote' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  officialMembers?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Committee members: the denominator of a committee vote' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000)
  committeeMembers?: number;
}
