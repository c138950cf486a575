import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import {
  UNIT_BLOCKS,
  UNIT_ID_PATTERN,
  UNIT_KINDS,
  isLocalDate,
  periodInOrder,
  periodsOverlap,
  type AuthorityPeriod,
  type UnitBlock,
  type UnitKind,
} from '@ketnap/domain';
import { Trimmed } from '../common/validation/input.transforms';
import { IsLegalDate } from '../common/validation/is-legal-date.validator';
import { UNIT_ID_MESSAGE } from './unit-id.params';

const wellDated = (p: Partial<AuthorityPeriod>): p is AuthorityPeriod =>
  isLocalDate(p.from) && (p.to === undefined || isLocalDate(p.to));

/** One period of a committee's competent authority (cấp ủy có thẩm quyền), both ends inclusive. */
export class AuthorityPeriodDto {
  @ApiProperty({ format: 'date', example: '2021-07-30', description: 'First day the body decides (inclusive)' })
  @IsLegalDate()
  from!: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-06-30',
    description: 'Last day the body decides (inclusive); open-ended when absent',
  })
  @IsOptional()
  @IsLegalDate()
  @ValidateBy(
    {
      name: 'periodOrder',
      validator: {
        validate: (_to: unknown, args) => {
          const period = args?.object as Partial<AuthorityPeriod>;
          return !wellDated(period) || periodInOrder(period);
        },
        defaultMessage: () => 'to must not be before from',
      },
    },
    { context: { message: 'field.period-order' } },
  )
  to?: string;

  @ApiProperty({
    example: 'huyen-uy-huu-lung',
    pattern: UNIT_ID_PATTERN.source,
    description: 'The deciding body: the committee itself (its standing committee) or a higher-committee',
  })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  unitId!: string;
}

/** No two well-dated periods share a day. */
const disjoint = (periods: unknown): boolean => {
  if (!Array.isArray(periods)) return true;
  const dated = periods.filter((p): p is AuthorityPeriod => typeof p === 'object' && p !== null && wellDated(p));
  return dated.every((p, i) => dated.slice(0, i).every((q) => !periodsOverlap(p, q)));
};

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

  @ApiPropertyOptional({
    type: [AuthorityPeriodDto],
    description:
      'Of a party-committee only: which body decides for it (admission, recognition) over time, periods not ' +
      "overlapping. Without it DOMAIN.md §1's default applies: the parent higher-committee until 2025-06-30, " +
      'the committee itself from 2025-07-01',
    example: [
      { from: '2021-07-30', to: '2025-06-30', unitId: 'huyen-uy-huu-lung' },
      { from: '2025-07-01', unitId: 'dang-uy-xa-dong-tien' },
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AuthorityPeriodDto)
  @ValidateBy(
    {
      name: 'periodsDisjoint',
      validator: { validate: disjoint, defaultMessage: () => 'periods must not overlap' },
    },
    { context: { message: 'field.periods-overlap' } },
  )
  @ValidateBy(
    {
      name: 'committeeOnly',
      validator: {
        validate: (_value: unknown, args) => (args?.object as { kind?: unknown }).kind === 'party-committee',
        defaultMessage: () => 'only a party committee has competent authorities',
      },
    },
    { context: { message: 'field.committee-only' } },
  )
  authorities?: AuthorityPeriodDto[];
}
