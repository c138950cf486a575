import { ApiProperty } from '@nestjs/swagger';
import { PERSONAL_READ_KINDS } from '@ketnap/domain';

/** The answer of `GET /audit/access` (OpenAPI only), with the example the document shows. */

export class AccessLogEntryDto {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ format: 'date-time', description: 'When the personal data was served' }) at!: string;
  @ApiProperty({ description: "The reader's username (the token's sub)" }) username!: string;
  @ApiProperty({ description: "The reader's role" }) role!: string;
  @ApiProperty({
    enum: PERSONAL_READ_KINDS,
    description:
      'What was served: the dossier page, its history, a page of the dossier list (names), an inspection ' +
      'case (with the procedure history), the personal-data export',
  })
  what!: string;
}

export class AccessLogResponseDto {
  @ApiProperty({ type: [AccessLogEntryDto], description: 'The newest first' }) items!: AccessLogEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Send it as ?cursor= for the next page' })
  nextCursor!: string | null;
}
export const ACCESS_LOG_EXAMPLE = {
  items: [
    {
      dossierId: '61e43c88-da60-492c-b551-3414f88bacb8',
      at: '2024-06-10T02:15:04.211Z',
      username: 'kiem-tra-1',
      role: 'inspector',
      what: 'history',
    },
    {
      dossierId: '61e43c88-da60-492c-b551-3414f88bacb8',
      at: '2024-06-10T01:02:40.009Z',
      username: 'bi-thu-thon-mot',
      role: 'secretary',
      what: 'dossier',
    },
  ],
  nextCursor: null,
};
