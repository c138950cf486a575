import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError, STEP_COMMANDS, fieldError, type StepName } from '@ketnap/domain';
import {
  COMMAND_PERMISSIONS,
  GetDossierHistoryQuery,
  GetDossierQuery,
  NominateCandidateCommand,
  PersonalDataReads,
  RecordDossierStepCommand,
  type CommandOutcome,
  type DossierView,
  type Permission,
  type CommandContext,
} from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { PersonalDataReader } from '../common/auth/personal-data-reader.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import { Write } from '../common/request/write-context.decorator';
import { DossierAsOfQueryDto } from './dossier-as-of.query.dto';
import {
  DOSSIER_EXAMPLE,
  DossierHistoryResponseDto,
  DossierResponseDto,
  HISTORY_EXAMPLE,
  NOMINATE_EXAMPLE,
  NominateResponseDto,
  STEP_EXAMPLE,
  StepResponseDto,
} from './dto/dossier.response.dto';
import { NominateRequestDto } from './dto/nominate.request.dto';
import * as Step from './dto/step.request.dto';

/** What each step route records (API.md step table), as the OpenAPI document names it. */
const STEP_SUMMARIES: Record<StepName, string> = {
  'helper-assigned': 'Assign the members who help the candidate (phân công đảng viên giúp đỡ)',
  'training-completed': 'Record the political training certificate (giấy chứng nhận học lớp cảm tình Đảng)',
  'application-submitted': 'Record the application for admission (đơn xin vào Đảng)',
  'background-verified': 'Record the background verification (thẩm tra lý lịch)',
  'introducers-recorded': 'Record the introducers (người giới thiệu)',
  'opinions-collected': "Record the mass organisations' opinions (ý kiến nhận xét)",
  'branch-resolution': "Record the branch's vote (nghị quyết chi bộ); a failed vote is recorded as such",
  'committee-resolution': "Record the party committee's vote (nghị quyết đảng ủy); a failed vote is recorded as such",
  'admission-decision': 'Record the admission decision (quyết định kết nạp) or the refusal',
  'decision-deadline-extended': 'Extend the period for the admission decision',
  ceremony: 'Record the admission ceremony (lễ kết nạp)',
  'ceremony-delay-approved': 'Record the approval of a late ceremony',
  'recognition-review':
    "Record the branch's review for official membership (xét công nhận chính thức); a failed vote is recorded as such",
  'recognition-resolution':
    "Record the party committee's resolution on recognition (nghị quyết đảng ủy, 15-KNĐ); a failed vote is recorded as such",
  'recognition-decision': 'Record the decision on official membership (quyết định công nhận đảng viên chính thức)',
  'probation-helper-assigned': 'Assign the members who help the new member during probation',
  'member-profile-filed': "Record the party member's profile filed (lý lịch đảng viên)",
  'new-member-class-completed': 'Record the new-member class certificate (lớp bồi dưỡng đảng viên mới)',
  transferred: 'Move the dossier to another branch of the same committee; what was counted before stays where it was',
  'membership-ended': 'End the membership during probation: removal (xóa tên) or death',
  withdrawal: 'Withdraw the dossier (rút hồ sơ)',
  correction: 'Correct fields of an earlier step; the earlier event stays in the history',
};

const AS_OF_INVALID = PROBLEMS.invalid(fieldError('asOf', 'field.date'));
const NOT_COMPETENT = {
  decidedBy: 'xa-dong',
  decidedOn: '2024-07-15',
  committeeId: 'xa-dong',
  competent: 'huyen-tay',
};
/** A decision names a deciding body that is not competent on its date (API.md v1 additions). */
const NOT_COMPETENT_AUTHORITY = PROBLEMS.of(
  new DomainError(
    'NOT_COMPETENT_AUTHORITY',
    { ...NOT_COMPETENT, competentName: 'Huyện ủy Tây' },
    { ...NOT_COMPETENT, basis: 'default' },
  ),
);
const DossierId = () => ApiParam({ name: 'id', description: "The dossier's id (from POST /dossiers)", format: 'uuid' });

/**
 * `POST /dossiers/{id}/{step}`: the permission is the step's command's, from the engine's one table
 * (a correction also needs the permission of the step it corrects, which the engine checks).
 */
const StepRoute = (step: StepName) =>
  applyDecorators(
    Post(`:id/${step}`),
    HttpCode(200),
    Requires(COMMAND_PERMISSIONS[STEP_COMMANDS[step]] as Permission),
    ScopedTo('resource'),
    ApiOperation({ summary: STEP_SUMMARIES[step] }),
    DossierId(),
    ApiWrite('dossier', PROBLEMS.invalid(fieldError('body', 'field.json-object'))),
    ApiOkResponse({ type: StepResponseDto, example: STEP_EXAMPLE, description: "The dossier's new version and stage" }),
    ApiProblems(
      PROBLEMS.dossierNotFound,
      PROBLEMS.of(new DomainError('STEP_OUT_OF_ORDER.helpers-first', {}, { stage: 'nominated' })),
      PROBLEMS.unknownBranch,
    ),
  );

/**
 * Dossiers (API.md "Dossiers"): nomination, one route per step, the dossier and its history. Both
 * reads serve the candidate's personal data: each is logged (API.md "Personal data").
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly personalReads: PersonalDataReads,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires(COMMAND_PERMISSIONS.NominateCandidate as Permission)
  @ScopedTo('resource')
  @ApiOperation({ summary: 'Nominate a candidate: opens the dossier (giới thiệu quần chúng ưu tú)' })
  @ApiWrite('dossier', PROBLEMS.invalid(fieldError('candidate.birthDate', 'field.date')))
  @ApiCreatedResponse({ type: NominateResponseDto, example: NOMINATE_EXAMPLE, description: 'The new dossier' })
  @ApiProblems(
    PROBLEMS.unknownBranch,
    PROBLEMS.of(
      new DomainError(
        'AGE_OUT_OF_RANGE.too-young',
        { years: 17, months: 4, meetingOn: '2024-02-15', minAgeYears: 18 },
        { ageMonths: 208, meetingOn: '2024-02-15' },
      ),
    ),
  )
  async nominate(@Body() body: NominateRequestDto, @Write() context: CommandContext) {
    const { id, version, stage } = (await this.commands.execute(
      new NominateCandidateCommand(body, context),
    )) as CommandOutcome;
    return { id, version, stage };
  }

  @Get(':id')
  @Requires('dossiers:read')
  @ScopedTo('resource')
  @ApiOperation({ summary: 'The dossier: stage, candidate, steps and deadlines, as of today or a past day' })
  @DossierId()
  @ApiOkResponse({ type: DossierResponseDto, example: DOSSIER_EXAMPLE })
  @ApiProblems(AS_OF_INVALID, PROBLEMS.dossierIdNotFound)
  async get(
    @Param('id') id: string,
    @Query() { asOf }: DossierAsOfQueryDto,
    @CurrentActor() actor: Actor,
    @PersonalDataReader() reader: Actor | undefined,
  ): Promise<DossierView> {
    const dossier = (await this.queries.execute(new GetDossierQuery(id, actor, asOf))) as DossierView | null;
    if (!dossier) throw new ProblemException(404, 'DOSSIER_NOT_FOUND.id', { id });
    if (reader) this.personalReads.record(reader, 'dossier', id);
    return dossier;
  }

  @Get(':id/history')
  @Requires('dossiers:read')
  @ScopedTo('resource')
  @ApiOperation({ summary: "The dossier's events, oldest first, with their hash chain" })
  @DossierId()
  @ApiOkResponse({ type: DossierHistoryResponseDto, example: HISTORY_EXAMPLE })
  @ApiProblems(PROBLEMS.dossierIdNotFound)
  async history(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @PersonalDataReader() reader: Actor | undefined,
  ) {
    const history = await this.queries.execute(new GetDossierHistoryQuery(id, actor));
    if (!history) throw new ProblemException(404, 'DOSSIER_NOT_FOUND.id', { id });
    if (reader) this.personalReads.record(reader, 'history', id);
    return history;
  }

  private async record(step: StepName, id: string, body: object, context: CommandContext) {
    const outcome = (await this.commands.execute(
      new RecordDossierStepCommand(id, step, { ...body }, context),
    )) as CommandOutcome;
    return { id: outcome.id, version: outcome.version, stage: outcome.stage, appended: outcome.appended };
  }

  @StepRoute('helper-assigned')
  helperAssigned(@Param('id') id: string, @Body() b: Step.HelperAssignedDto, @Write() c: CommandContext) {
    return this.record('helper-assigned', id, b, c);
  }

  @StepRoute('training-completed')
  trainingCompleted(@Param('id') id: string, @Body() b: Step.TrainingCompletedDto, @Write() c: CommandContext) {
    return this.record('training-completed', id, b, c);
  }

  @StepRoute('application-submitted')
  applicationSubmitted(@Param('id') id: string, @Body() b: Step.ApplicationSubmittedDto, @Write() c: CommandContext) {
    return this.record('application-submitted', id, b, c);
  }

  @StepRoute('background-verified')
  backgroundVerified(@Param('id') id: string, @Body() b: Step.BackgroundVerifiedDto, @Write() c: CommandContext) {
    return this.record('background-verified', id, b, c);
  }

  @StepRoute('introducers-recorded')
  introducersRecorded(@Param('id') id: string, @Body() b: Step.IntroducersRecordedDto, @Write() c: CommandContext) {
    return this.record('introducers-recorded', id, b, c);
  }

  @StepRoute('opinions-collected')
  opinionsCollected(@Param('id') id: string, @Body() b: Step.OpinionsCollectedDto, @Write() c: CommandContext) {
    return this.record('opinions-collected', id, b, c);
  }

  @StepRoute('branch-resolution')
  branchResolution(@Param('id') id: string, @Body() b: Step.BranchResolutionDto, @Write() c: CommandContext) {
    return this.record('branch-resolution', id, b, c);
  }

  @StepRoute('committee-resolution')
  committeeResolution(@Param('id') id: string, @Body() b: Step.CommitteeResolutionDto, @Write() c: CommandContext) {
    return this.record('committee-resolution', id, b, c);
  }

  @StepRoute('admission-decision')
  @ApiProblems(NOT_COMPETENT_AUTHORITY)
  admissionDecision(@Param('id') id: string, @Body() b: Step.AdmissionDecisionDto, @Write() c: CommandContext) {
    return this.record('admission-decision', id, b, c);
  }

  @StepRoute('decision-deadline-extended')
  decisionDeadlineExtended(
    @Param('id') id: string,
    @Body() b: Step.DecisionDeadlineExtendedDto,
    @Write() c: CommandContext,
  ) {
    return this.record('decision-deadline-extended', id, b, c);
  }

  @StepRoute('ceremony')
  ceremony(@Param('id') id: string, @Body() b: Step.CeremonyDto, @Write() c: CommandContext) {
    return this.record('ceremony', id, b, c);
  }

  @StepRoute('ceremony-delay-approved')
  ceremonyDelayApproved(@Param('id') id: string, @Body() b: Step.CeremonyDelayApprovedDto, @Write() c: CommandContext) {
    return this.record('ceremony-delay-approved', id, b, c);
  }

  @StepRoute('recognition-review')
  recognitionReview(@Param('id') id: string, @Body() b: Step.RecognitionReviewDto, @Write() c: CommandContext) {
    return this.record('recognition-review', id, b, c);
  }

  @StepRoute('recognition-decision')
  @ApiProblems(NOT_COMPETENT_AUTHORITY)
  recognitionDecision(@Param('id') id: string, @Body() b: Step.RecognitionDecisionDto, @Write() c: CommandContext) {
    return this.record('recognition-decision', id, b, c);
  }

  @StepRoute('recognition-resolution')
  recognitionResolution(@Param('id') id: string, @Body() b: Step.RecognitionResolutionDto, @Write() c: CommandContext) {
    return this.record('recognition-resolution', id, b, c);
  }

  @StepRoute('probation-helper-assigned')
  probationHelperAssigned(@Param('id') id: string, @Body() b: Step.HelperAssignedDto, @Write() c: CommandContext) {
    return this.record('probation-helper-assigned', id, b, c);
  }

  @StepRoute('member-profile-filed')
  memberProfileFiled(@Param('id') id: string, @Body() b: Step.MemberProfileFiledDto, @Write() c: CommandContext) {
    return this.record('member-profile-filed', id, b, c);
  }

  @StepRoute('new-member-class-completed')
  newMemberClassCompleted(@Param('id') id: string, @Body() b: Step.TrainingCompletedDto, @Write() c: CommandContext) {
    return this.record('new-member-class-completed', id, b, c);
  }

  @StepRoute('transferred')
  transferred(@Param('id') id: string, @Body() b: Step.TransferredDto, @Write() c: CommandContext) {
    return this.record('transferred', id, b, c);
  }

  @StepRoute('membership-ended')
  membershipEnded(@Param('id') id: string, @Body() b: Step.MembershipEndedDto, @Write() c: CommandContext) {
    return this.record('membership-ended', id, b, c);
  }

  @StepRoute('withdrawal')
  withdrawal(@Param('id') id: string, @Body() b: Step.WithdrawalDto, @Write() c: CommandContext) {
    return this.record('withdrawal', id, b, c);
  }

  @StepRoute('correction')
  correction(@Param('id') id: string, @Body() b: Step.CorrectionDto, @Write() c: CommandContext) {
    return this.record('correction', id, b, c);
  }
}
