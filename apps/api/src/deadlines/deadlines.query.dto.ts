import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { UNIT_ID_PATTERN, type LocalDate, type ObligationStatus } from '@ketnap/domain';
import { IsLegalDate } from '../common/validation/is-legal-date.validator';
import { PageCursor, PageLimit } from '../common/validation/page.query';

const STATUSES: ObligationStatus[] = ['open', 'breached', 'met', 'met-late'];

/** `GET /deadlines?status=&dueBefore=&branchId=&limit=&cursor=`. */
export class DeadlinesQueryDto {
  @ApiPropertyOptional({
    enum: STATUSES,
    description: 'open: not yet due; breached: past the due date and not met (judged on today)',
  })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ObligationStatus;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Only deadlines due before this legal date' })
  @IsOptional()
  @IsLegalDate()
  dueBefore?: LocalDate;

  @ApiPropertyOptional({ pattern: UNIT_ID_PATTERN.source, example: 'thon-mot' })
  @IsOptional()
  @Matches(UNIT_ID_PATTERN, { message: 'branchId must be a unit id' })
  branchId?: string;

  @PageLimit() limit?: number;
  @PageCursor() cursor?: string;
}
