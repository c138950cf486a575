import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { UNIT_ID_PATTERN } from '@ketnap/domain';
import { UNIT_ID_MESSAGE } from '../../units/unit-id.params';
import { LegalDate, OptionalLegalDate, OptionalText, Text } from './text';

/** The body of each `POST /dossiers/{id}/{step}` route (API.md step table), field for field. */

export class HelperDto {
  @Text(200, 'Lê Văn Bình') name!: string;
  @OptionalText(64, 'dv-12') memberId?: string;
}

export class HelperAssignedDto {
  @ApiProperty({ type: [HelperDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => HelperDto)
  helpers!: HelperDto[];

  @LegalDate('2024-02-20') assignedOn!: string;
}

export class TrainingCompletedDto {
  @Text(64, 'CN-123/2024') certificateNo!: string;
  @LegalDate('2024-03-01') issuedOn!: string;
  @Text(200, 'Trung tâm chính trị huyện Hữu Lũng') issuer!: string;
}

export class ApplicationSubmittedDto {
  @LegalDate('2024-03-05') submittedOn!: string;
}

export class BackgroundVerifiedDto {
  @LegalDate('2024-04-10') completedOn!: string;

  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  outcome!: 'passed' | 'failed';

  @ApiPropertyOptional() @IsOptional() @IsBoolean() exempt?: boolean;
  @OptionalText(2000) notes?: string;
}

export class IntroducerDto {
  @ApiProperty({ enum: ['member', 'youth-union', 'trade-union'] })
  @IsIn(['member', 'youth-union', 'trade-union'])
  kind!: 'member' | 'youth-union' | 'trade-union';

  @Text(200, 'Hoàng Văn Ba') name!: string;
  @OptionalLegalDate('2010-03-02', 'For a member: when they became an official member') officialSince?: string;
  @OptionalLegalDate('2020-01-01', 'For a member: since when they have known the candidate') knownSince?: string;
}

export class IntroducersRecordedDto {
  @LegalDate('2024-04-15') recordedOn!: string;

  @ApiProperty({ type: [IntroducerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => IntroducerDto)
  introducers!: IntroducerDto[];

  @ApiPropertyOptional({
    description:
      'No Youth Union base organisation exists where the candidate is: a Youth Union member of youth age may then be introduced by two official members (Party Charter Art. 4)',
  })
  @IsOptional()
  @IsBoolean()
  noYouthUnionBase?: boolean;
}

export class OpinionsCollectedDto {
  @LegalDate('2024-04-20') collectedOn!: string;
  @OptionalText(2000) summary?: string;
}

export class ProvincialConsentDto {
  @Text(64, '123-CV/TU') documentNo!: string;
  @LegalDate('2024-04-25') givenOn!: string;

  @ApiPropertyOptional({
    enum: ['age', 'education'],
    isArray: true,
    example: ['age'],
    description:
      'What the consent allows: a candidate over 60 (age), literacy-only education (education). Without it the consent covers both',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['age', 'education'], { each: true })
  grounds?: ('age' | 'education')[];
}

/** The deciding body of a decision (API.md v1 additions): a unit id, checked against the competent authority. */
const DecidedBy = (example: string) =>
  applyDecorators(
    ApiPropertyOptional({
      example,
      pattern: UNIT_ID_PATTERN.source,
      description:
        "Unit id of the deciding body: the dossier's party committee or a higher committee, competent on decidedOn " +
        '(422 NOT_COMPETENT_AUTHORITY otherwise). Omitted: the competent authority on decidedOn is recorded.',
    }),
    IsOptional(),
    Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE }),
  );

const Count = (max: number, description: string) => (target: object, key: string) => {
  ApiProperty({ minimum: 0, maximum: max, description })(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
  Max(max)(target, key);
};

export class BranchResolutionDto {
  @LegalDate('2024-05-07') meetingOn!: string;
  @Count(10_000, "The branch's official members (the denominator of the 2/3)") officialMembers!: number;
  @Count(10_000, 'Official members who voted for admission') votesFor!: number;
  @OptionalText(64, '05-NQ/CB') resolutionNo?: string;

  @ApiPropertyOptional({
    type: ProvincialConsentDto,
    description:
      'Written consent of the provincial standing committee, for a candidate over 60 or with literacy-only education; dated no later than the admission decision',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProvincialConsentDto)
  provincialConsent?: ProvincialConsentDto;
}

export class CommitteeResolutionDto {
  @LegalDate('2024-05-20') adoptedOn!: string;
  @Count(1_000, 'Members of the party committee') committeeMembers!: number;
  @Count(1_000, 'Committee members who voted for admission') votesFor!: number;
  @OptionalLegalDate('2024-05-22', 'When the dossier was sent to the competent authority') submittedOn?: string;
}

export class AdmissionDecisionDto {
  @LegalDate('2024-07-15') decidedOn!: string;
  @Text(64, '312-QĐ/HU') decisionNo!: string;

  @ApiProperty({ enum: ['admitted', 'refused'] })
  @IsIn(['admitted', 'refused'])
  outcome!: 'admitted' | 'refused';

  @OptionalLegalDate('2024-07-18', 'When the branch received the decision (starts the ceremony period)')
  receivedOn?: string;

  @DecidedBy('huyen-uy-huu-lung') decidedBy?: string;
}

export class DecisionDeadlineExtendedDto {
  @LegalDate('2024-07-01') extendedOn!: string;

  @ApiProperty({ minimum: 1, maximum: 30 })
  @IsInt()
  @Min(1)
  @Max(30)
  workingDays!: number;

  @Text(2000, 'Chờ xác minh bổ sung') reason!: string;
}

export class CeremonyDto {
  @LegalDate('2024-08-10') heldOn!: string;
}

export class CeremonyDelayApprovedDto {
  @LegalDate('2024-08-20') approvedOn!: string;
  @LegalDate('2024-09-30') newDueOn!: string;
  @Text(200, 'BTV Huyện ủy Hữu Lũng') approvedBy!: string;
  @Text(2000, 'Mưa lũ') reason!: string;
}

export class RecognitionReviewDto {
  @LegalDate('2025-08-20') meetingOn!: string;
  @Count(10_000, "The branch's official members") officialMembers!: number;
  @Count(10_000, 'Official members who voted for the proposal') votesFor!: number;

  @ApiProperty({ enum: ['recognize', 'remove'] })
  @IsIn(['recognize', 'remove'])
  proposal!: 'recognize' | 'remove';
}

export class RecognitionDecisionDto {
  @LegalDate('2025-09-15') decidedOn!: string;
  @Text(64, '45-QĐ/ĐU') decisionNo!: string;

  @ApiProperty({ enum: ['official', 'removed'] })
  @IsIn(['official', 'removed'])
  outcome!: 'official' | 'removed';

  @DecidedBy('dang-uy-xa-dong-tien') decidedBy?: string;
}

export class RecognitionResolutionDto {
  @LegalDate('2025-09-01') adoptedOn!: string;
  @Count(1_000, 'Members of the party committee') committeeMembers!: number;
  @Count(1_000, 'Committee members who voted for the proposal') votesFor!: number;

  @ApiProperty({ enum: ['recognize', 'remove'] })
  @IsIn(['recognize', 'remove'])
  proposal!: 'recognize' | 'remove';

  @OptionalText(64, '15-NQ/ĐU') resolutionNo?: string;
}

export class MemberProfileFiledDto {
  @LegalDate('2024-09-10') filedOn!: string;
}

export class TransferredDto {
  @LegalDate('2025-07-01') transferredOn!: string;

  @ApiProperty({ example: 'chi-bo-lang-gia', description: 'The branch of the same committee that takes the dossier' })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  toBranchId!: string;

  @Text(2000, 'Sáp nhập thôn') reason!: string;
}

export class MembershipEndedDto {
  @LegalDate('2025-03-01') endedOn!: string;

  @ApiProperty({ enum: ['removed', 'deceased'] })
  @IsIn(['removed', 'deceased'])
  reason!: 'removed' | 'deceased';

  @OptionalText(64, '12-QĐ/ĐU') decisionNo?: string;
}

export class WithdrawalDto {
  @LegalDate('2024-06-01') withdrawnOn!: string;
  @Text(2000, 'Chuyển công tác') reason!: string;
}

export class CorrectionDto {
  @ApiProperty({ description: 'The id of the event of the step to correct (from the history)' })
  @Text(64)
  eventId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { meetingOn: '2024-05-08' },
    description: 'Fields of that step and their corrected values',
  })
  @IsDefined()
  @IsObject()
  changes!: Record<string, unknown>;

  @Text(2000, 'Nhập nhầm ngày họp') reason!: string;
}
