import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBLIGATION_CODES } from '@ketnap/domain';

/** A deadline of the board, with its dossier (OpenAPI only). */
export class DeadlineResponseDto {
  @ApiProperty() dossierId!: string;
  @ApiPropertyOptional() branchId?: string;
  @ApiProperty({ enum: OBLIGATION_CODES }) obligation!: string;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ format: 'date', description: 'The last day of the period: a step dated on it is on time' })
  dueOn!: string;
  @ApiProperty({ enum: ['open', 'met', 'met-late', 'breached'] }) status!: string;
  @ApiPropertyOptional({ format: 'date' }) metOn?: string;
  @ApiPropertyOptional({ format: 'date' }) breachedOn?: string;
  @ApiPropertyOptional() workingDaysLate?: number;
  @ApiProperty({ type: [String], description: 'Non-working days skipped to reach the due date' })
  skippedDays!: string[];
}

export class DeadlineListResponseDto {
  @ApiProperty({ type: [DeadlineResponseDto] }) items!: DeadlineResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
export const DEADLINE_LIST_EXAMPLE = {
  items: [
    {
      dossierId: '61e43c88-da60-492c-b551-3414f88bacb8',
      branchId: 'thon-mot',
      obligation: 'admission-decision',
      startedOn: '2024-03-07',
      dueOn: '2024-06-04',
      status: 'breached',
      breachedOn: '2024-06-05',
      workingDaysLate: 4,
      skippedDays: ['2024-03-09', '2024-03-10', '2024-04-18'],
    },
  ],
  nextCursor: null,
};
