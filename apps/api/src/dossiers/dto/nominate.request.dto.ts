import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { UNIT_ID_PATTERN } from '@ketnap/domain';
import { LegalDate, OptionalText, Text } from './text';

const EDUCATION = ['primary', 'lower-secondary', 'upper-secondary', 'college', 'university', 'postgraduate'] as const;
const UNIT_ID = 'must be a unit id (lowercase letters, digits and dashes)';

/** The candidate's identity and biography: personal data, shown only to roles that read the dossier. */
export class CandidateDto {
  @Text(200, 'Nguyễn Thị An')
  fullName!: string;

  @LegalDate('1996-05-10')
  birthDate!: string;

  @ApiProperty({ enum: ['male', 'female'] })
  @IsIn(['male', 'female'])
  gender!: 'male' | 'female';

  @Text(100, 'Tày')
  ethnicity!: string;

  @OptionalText(100)
  religion?: string;

  @ApiProperty({ enum: EDUCATION })
  @IsIn(EDUCATION)
  educationLevel!: (typeof EDUCATION)[number];

  @OptionalText(200)
  occupation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  youthUnionMember?: boolean;

  @OptionalText(300)
  residence?: string;
}

/** `POST /dossiers`: nomination of an outstanding candidate (giới thiệu quần chúng ưu tú). */
export class NominateRequestDto {
  @ApiProperty({ type: CandidateDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CandidateDto)
  candidate!: CandidateDto;

  @ApiProperty({ example: 'chi-bo-lang-gia' })
  @Matches(UNIT_ID_PATTERN, { message: `branchId ${UNIT_ID}` })
  branchId!: string;

  @ApiProperty({ example: 'doan-thanh-nien', description: 'The nominating unit: a mass organisation or the branch' })
  @Matches(UNIT_ID_PATTERN, { message: `nominatedBy ${UNIT_ID}` })
  nominatedBy!: string;

  @LegalDate('2024-02-15')
  nominatedOn!: string;
}
