import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { DossierDeadlineDto } from '../dossiers/dto/dossier.response.dto';

/** A deadline of the board, with its dossier (OpenAPI only). */
export class DeadlineResponseDto extends PickType(DossierDeadlineDto, [
  'obligation',
  'startedOn',
  'dueOn',
  'status',
  'metOn',
  'breachedOn',
  'workingDaysLate',
  'skippedDays',
] as const) {
  @ApiProperty() dossierId!: string;
  @ApiPropertyOptional() branchId?: string;
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
