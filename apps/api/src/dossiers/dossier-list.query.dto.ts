import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { STAGES, UNIT_ID_PATTERN, type Stage } from '@ketnap/domain';
import { QueryBoolean, Trimmed } from '../common/validation/input.transforms';
import { PageCursor, PageLimit } from '../common/validation/page.query';
import { UNIT_ID_MESSAGE } from '../units/unit-id.params';

/** `GET /dossiers?branchId=&stage=&overdue=true&q=&limit=&cursor=`. */
export class DossierListQueryDto {
  @ApiPropertyOptional({ example: 'thon-mot', pattern: UNIT_ID_PATTERN.source })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  branchId?: string;

  @ApiPropertyOptional({ enum: STAGES, description: 'The stage today (a finished probation is recognition-review)' })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ description: 'Only dossiers with an overdue obligation (needs the deadlines board)' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: '$property must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Words of the candidate\'s name, diacritics ignored ("nguyen thi" finds "Nguyễn Thị …")',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MaxLength(100)
  q?: string;

  @PageLimit()
  limit?: number;

  @PageCursor()
  cursor?: string;
}
