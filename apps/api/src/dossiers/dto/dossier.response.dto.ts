import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBLIGATION_CODES, STAGES, STEP_COMMANDS } from '@ketnap/domain';
import { CandidateDto } from './nominate.request.dto';

/** The shapes of dossiers as answered (OpenAPI only), with the examples the document shows. */

/** Every step route but the correction, which amends a step rather than taking the next one. */
const NEXT_STEPS = Object.keys(STEP_COMMANDS).filter((step) => step !== 'correction');

const DOSSIER_ID = '61e43c88-da60-492c-b551-3414f88bacb8';
const EVENT_ID = '268420f7-bee4-4923-8080-6254d3ac59ea';
const HASH = 'eecdfc1308fe671d1c31a0b0bff962525ef22bd0169536cb233d86ecb4287818';

export class NominateResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The dossier's version: send it as If-Match" }) version!: number;
  @ApiProperty({ enum: STAGES }) stage!: string;
}
export const NOMINATE_EXAMPLE = { id: DOSSIER_ID, version: 1, stage: 'nominated' };

export class StepResponseDto extends NominateResponseDto {
  @ApiProperty({ type: [String], description: 'The types of the events the step appended' }) appended!: string[];
}
export const STEP_EXAMPLE = { id: DOSSIER_ID, version: 8, stage: 'proposed', appended: ['BranchResolutionAdopted'] };

export class DossierDeadlineDto {
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
  @ApiProperty({ type: [String], description: 'The days a reminder is due' }) remindOn!: string[];
  @ApiProperty({ description: 'Whether a breach opens an inspection case' }) escalates!: boolean;
  @ApiProperty({ type: [String] }) warnings!: string[];
}

export class DossierResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The events the view folds: send it as If-Match' }) version!: number;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiPropertyOptional({
    type: CandidateDto,
    description: 'Personal data; every field null once erased (`erased: true`)',
  })
  candidate?: CandidateDto;
  @ApiPropertyOptional({ description: "Present, true, once the candidate's personal data was erased" })
  erased?: boolean;
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      erasedOn: { type: 'string', format: 'date' },
      reason: { type: 'string' },
      legalBasis: { type: 'string' },
    },
    description: 'The erasure: its date, reason and legal basis (DELETE /dossiers/{id}/personal)',
  })
  erasure?: { erasedOn: string; reason: string; legalBasis: string };
  @ApiPropertyOptional({
    description: "The branch holding the dossier now: the last transfer's, else the nomination's",
  })
  branchId?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Transfers to another branch, oldest first: transferredOn, fromBranchId, toBranchId, reason',
  })
  transfers?: Array<Record<string, unknown>>;
  @ApiPropertyOptional() nominatedBy?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description:
      "Each step recorded, by step name: its body's fields, eventId, ruleSet, corrected, recordedAt; " +
      'admission-decision and recognition-decision also show decidedBy, the deciding body (absent when none was known)',
  })
  steps!: Record<string, Record<string, unknown>>;
  @ApiProperty({ type: [DossierDeadlineDto] }) deadlines!: DossierDeadlineDto[];
  @ApiPropertyOptional({ example: 'qd24-2021' }) ruleSet?: string;
  @ApiPropertyOptional({ format: 'date' }) officialSince?: string;
  @ApiPropertyOptional({ format: 'date' }) partyAgeFrom?: string;
  @ApiProperty({ format: 'date', description: 'The legal date the dossier and its deadlines are judged on' })
  asOf!: string;
  @ApiProperty({
    type: [String],
    enum: NEXT_STEPS,
    description:
      'The steps (POST /dossiers/{id}/{step}) the caller may record next on the dossier as it is today: those the ' +
      "procedure's order allows, which the caller's role may record in its units; empty for a closed dossier or a " +
      'role that records no step. A step listed may still be refused by its own rules (dates, votes) when sent',
  })
  nextSteps!: string[];
}
export const DOSSIER_EXAMPLE = {
  id: DOSSIER_ID,
  version: 8,
  stage: 'proposed',
  candidate: {
    fullName: 'Nguyễn Thị An',
    birthDate: '1996-05-10',
    gender: 'female',
    ethnicity: 'Tày',
    educationLevel: 'upper-secondary',
    youthUnionMember: true,
  },
  branchId: 'thon-mot',
  nominatedBy: 'hoi-dong',
  steps: {
    nomination: { branchId: 'thon-mot', nominatedBy: 'hoi-dong', nominatedOn: '2023-09-05', ruleSet: 'qd24-2021' },
    'branch-resolution': {
      meetingOn: '2024-03-07',
      officialMembers: 9,
      votesFor: 7,
      resolutionNo: '05-NQ/CB',
      ruleSet: 'qd24-2021',
      eventId: EVENT_ID,
      corrected: false,
      recordedAt: '2024-03-08T02:00:00.000Z',
    },
  },
  deadlines: [
    {
      obligation: 'admission-decision',
      startedOn: '2024-03-07',
      dueOn: '2024-06-04',
      status: 'open',
      skippedDays: ['2024-03-09', '2024-03-10'],
      remindOn: ['2024-05-21', '2024-05-30'],
      escalates: true,
      warnings: [],
    },
  ],
  ruleSet: 'qd24-2021',
  asOf: '2024-05-02',
  nextSteps: ['committee-resolution', 'decision-deadline-extended', 'transferred', 'withdrawal'],
};

export class EventActorDto {
  @ApiProperty({ example: 'admin-1' }) sub!: string;
  @ApiProperty({ example: 'admin' }) role!: string;
  @ApiProperty({ type: [String] }) unitIds!: string[];
}

export class HistoryEventDto {
  @ApiProperty() globalPosition!: number;
  @ApiProperty() streamVersion!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'BranchResolutionAdopted' }) type!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's data: the fields the step recorded",
  })
  data!: Record<string, unknown>;
  @ApiProperty({ format: 'date', nullable: true, type: String }) occurredOn!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: EventActorDto, nullable: true }) actor!: EventActorDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'The rule set the step was judged by' })
  ruleSet!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'ec48e6704982c4cf',
    description:
      "SHA-256 (first 16 hex digits) of the rule set's parameters as canonical JSON when the event was recorded: " +
      "an operator's rule set file (KETNAP_RULES_DIR) changes it; null on events recorded before it was kept",
  })
  ruleSetHash!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ description: 'The hash of the previous event of the stream (zeros for the first)' }) prevHash!: string;
  @ApiProperty({ description: 'SHA-256 over this event and prevHash' }) hash!: string;
}

export class BrokenLinkDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() reason!: string;
}

export class DossierHistoryResponseDto {
  @ApiProperty({ type: [HistoryEventDto] }) items!: HistoryEventDto[];
  @ApiProperty({ description: "Whether the dossier's hash chain verifies" }) chainValid!: boolean;
  @ApiPropertyOptional({ type: BrokenLinkDto }) firstBroken?: BrokenLinkDto;
}
export const HISTORY_EXAMPLE = {
  items: [
    {
      globalPosition: 17,
      streamVersion: 8,
      eventId: EVENT_ID,
      type: 'BranchResolutionAdopted',
      data: { meetingOn: '2024-03-07', officialMembers: 9, votesFor: 7, resolutionNo: '05-NQ/CB' },
      occurredOn: '2024-03-07',
      recordedAt: '2024-03-08T02:00:00.000Z',
      actor: { sub: 'bi-thu-thon-mot', role: 'secretary', unitIds: ['thon-mot'] },
      ruleSet: 'qd24-2021',
      ruleSetHash: 'ec48e6704982c4cf',
      correlationId: 'd83614ed-35af-4375-a506-d0943195b224',
      prevHash: '89e0e37d6d91891f2899590fd3c8b79a9126c7af59b06d69e4cb29d525bf7f77',
      hash: HASH,
    },
  ],
  chainValid: true,
};

export class DossierSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() branchId!: string;
  @ApiProperty() nominatedBy!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      fullName: { type: 'string', nullable: true, description: "null once the candidate's personal data was erased" },
    },
    required: ['fullName'],
  })
  candidate!: { fullName: string | null };
  @ApiProperty({ format: 'date' }) nominatedOn!: string;
  @ApiProperty({ format: 'date' }) lastStepOn!: string;
  @ApiPropertyOptional({ format: 'date' }) decidedOn?: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: "Global position of the dossier's last event" }) position!: number;
}

export class DossierListResponseDto {
  @ApiProperty({ type: [DossierSummaryDto] }) items!: DossierSummaryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Send it as ?cursor= for the next page' })
  nextCursor!: string | null;
}
export const DOSSIER_LIST_EXAMPLE = {
  items: [
    {
      id: DOSSIER_ID,
      branchId: 'thon-mot',
      nominatedBy: 'hoi-dong',
      stage: 'proposed',
      candidate: { fullName: 'Nguyễn Thị An' },
      nominatedOn: '2023-09-05',
      lastStepOn: '2024-03-07',
      version: 8,
      position: 17,
    },
  ],
  nextCursor: null,
};
