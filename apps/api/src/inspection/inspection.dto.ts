import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEFAULT_LOCALE, OBLIGATION_CODES, renderLines, type InspectionCaseStatus } from '@ketnap/domain';
import { Trimmed } from '../common/validation/input.transforms';
import { EventActorDto, HistoryEventDto } from '../dossiers/dto/dossier.response.dto';
import { PageCursor, PageLimit } from '../common/validation/page.query';

const STATUSES: InspectionCaseStatus[] = ['open', 'acknowledged', 'closed', 'withdrawn'];

/** `GET /inspection/cases?status=&limit=&cursor=`. */
export class InspectionCasesQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: InspectionCaseStatus;

  @PageLimit() limit?: number;
  @PageCursor() cursor?: string;
}

/** `POST /inspection/cases/{id}/acknowledge`. */
export class AcknowledgeCaseRequestDto {
  @ApiPropertyOptional({ maxLength: 4000, example: 'Đang xác minh với chi bộ' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note?: string;
}

/** `POST /inspection/cases/{id}/close`: the committee's finding (kết luận) and resolution (biện pháp xử lý). */
export class CloseCaseRequestDto {
  @ApiProperty({ maxLength: 4000, example: 'Chi bộ chậm 3 ngày làm việc do thiếu hồ sơ' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  finding!: string;

  @ApiProperty({ maxLength: 4000, example: 'Nhắc nhở, yêu cầu rút kinh nghiệm' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  resolution!: string;
}

/** A write's answer (OpenAPI only). */
export class CaseWriteResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "The case's new version; send it as If-Match" }) version!: number;
  @ApiProperty({ enum: STATUSES }) status!: string;
}
export const CASE_WRITE_EXAMPLE = {
  id: '61e43c88-da60-492c-b551-3414f88bacb8_admission-decision_2024-06-04',
  version: 2,
  status: 'acknowledged',
};

/**
 * An event of a case's histories (OpenAPI only): a dossier history's event without its hashes, whose
 * metadata fields are left out when unset rather than null.
 */
export class CaseHistoryEventDto extends PickType(HistoryEventDto, [
  'globalPosition',
  'streamVersion',
  'eventId',
  'recordedAt',
] as const) {
  @ApiProperty({ example: 'InspectionCaseOpened' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'date' }) occurredOn?: string;
  @ApiPropertyOptional({ type: EventActorDto }) actor?: EventActorDto;
  @ApiPropertyOptional() ruleSet?: string;
}

export class CaseHistoriesDto {
  @ApiProperty({
    description:
      "The deadline's explanation: period, legal source, days skipped, status; in the language of Accept-Language",
  })
  explanation!: string;
  @ApiProperty({ type: [CaseHistoryEventDto], description: "The dossier's procedure, oldest first" })
  procedure!: CaseHistoryEventDto[];
  @ApiProperty({ type: [CaseHistoryEventDto], description: "The case's own events" }) case!: CaseHistoryEventDto[];
}

/** An inspection case with its histories (OpenAPI only). */
export class InspectionCaseResponseDto {
  @ApiProperty({ description: 'dossier id, obligation and due date' }) id!: string;
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty() branchId!: string;
  @ApiProperty({ enum: OBLIGATION_CODES }) obligation!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date' }) breachedOn!: string;
  @ApiProperty() workingDaysLate!: number;
  @ApiProperty() explanation!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ description: "The case's version: send it as If-Match" }) version!: number;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ format: 'date-time' }) acknowledgedAt?: string;
  @ApiPropertyOptional() finding?: string;
  @ApiPropertyOptional() resolution?: string;
  @ApiPropertyOptional({ format: 'date-time' }) closedAt?: string;
  @ApiPropertyOptional() withdrawnReason?: string;
  @ApiPropertyOptional({ format: 'date-time' }) withdrawnAt?: string;
  @ApiProperty({ type: CaseHistoriesDto }) history!: CaseHistoriesDto;
}

export class InspectionCaseListResponseDto {
  @ApiProperty({ type: [InspectionCaseResponseDto] }) items!: InspectionCaseResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Send it as ?cursor= for the next page' })
  nextCursor!: string | null;
}

const EXPLANATION = renderLines(
  [
    {
      key: 'explain.working-days',
      params: {
        title: { key: 'explain.admission-decision' },
        days: 60,
        startedOn: '2024-03-07',
        source: 'QĐ 24-QĐ/TW 4.3.1',
        ruleSet: 'qd24-2021',
      },
    },
    {
      key: 'calendar.due-date',
      params: { date: { key: 'calendar.dated', params: { weekday: { key: 'weekday.tuesday' }, date: '2024-06-04' } } },
    },
    { key: 'explain.status-breached-reported', params: { breachedOn: '2024-06-05', days: 4 } },
  ],
  DEFAULT_LOCALE,
);
export const CASE_EXAMPLE = {
  id: CASE_WRITE_EXAMPLE.id,
  dossierId: '61e43c88-da60-492c-b551-3414f88bacb8',
  branchId: 'thon-mot',
  obligation: 'admission-decision',
  dueOn: '2024-06-04',
  breachedOn: '2024-06-05',
  workingDaysLate: 4,
  explanation: EXPLANATION,
  status: 'open',
  openedAt: '2024-06-05T01:00:00.000Z',
  version: 1,
  history: {
    explanation: EXPLANATION,
    procedure: [
      {
        globalPosition: 17,
        streamVersion: 8,
        eventId: '268420f7-bee4-4923-8080-6254d3ac59ea',
        type: 'BranchResolutionAdopted',
        data: { meetingOn: '2024-03-07', officialMembers: 9, votesFor: 7 },
        occurredOn: '2024-03-07',
        recordedAt: '2024-03-08T02:00:00.000Z',
        actor: { sub: 'bi-thu-thon-mot', role: 'secretary', unitIds: ['thon-mot'] },
        ruleSet: 'qd24-2021',
      },
    ],
    case: [
      {
        globalPosition: 18,
        streamVersion: 1,
        eventId: '9c8b8ad1-751c-5cb7-9aa5-ef81aff92614',
        type: 'InspectionCaseOpened',
        data: { obligation: 'admission-decision', dueOn: '2024-06-04', breachedOn: '2024-06-05' },
        recordedAt: '2024-06-05T01:00:00.000Z',
        actor: { sub: 'ketnap-deadline-saga', role: 'system', unitIds: [] },
      },
    ],
  },
};
export const CASE_LIST_EXAMPLE = { items: [CASE_EXAMPLE], nextCursor: null };
