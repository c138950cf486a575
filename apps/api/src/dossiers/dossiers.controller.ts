import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { STEP_COMMANDS, type StepName } from '@ketnap/domain';
import {
  COMMAND_PERMISSIONS,
  GetDossierHistoryQuery,
  GetDossierQuery,
  NominateCandidateCommand,
  RecordDossierStepCommand,
  type CommandOutcome,
  type DossierView,
  type Permission,
  type CommandContext,
} from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import { Write } from '../common/request/write-context.decorator';
import { DossierAsOfQueryDto } from './dossier-as-of.query.dto';
import { NominateRequestDto } from './dto/nominate.request.dto';
import * as Step from './dto/step.request.dto';

const WriteHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: "The dossier's version the client saw (409 when stale)",
    }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes the write safe to resend' }),
  );

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
    WriteHeaders(),
  );

/** Dossiers (API.md "Dossiers"): nomination, one route per step, the dossier and its history. */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires(COMMAND_PERMISSIONS.NominateCandidate as Permission)
  @ScopedTo('resource')
  @WriteHeaders()
  async nominate(@Body() body: NominateRequestDto, @Write() context: CommandContext) {
    const { id, version, stage } = (await this.commands.execute(
      new NominateCandidateCommand(body, context),
    )) as CommandOutcome;
    return { id, version, stage };
  }

  @Get(':id')
  @Requires('dossiers:read')
  @ScopedTo('resource')
  async get(
    @Param('id') id: string,
    @Query() { asOf }: DossierAsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<DossierView> {
    const dossier = (await this.queries.execute(new GetDossierQuery(id, actor, asOf))) as DossierView | null;
    if (!dossier) throw new ProblemException(404, 'DOSSIER_NOT_FOUND.id', { id });
    return dossier;
  }

  @Get(':id/history')
  @Requires('dossiers:read')
  @ScopedTo('resource')
  async history(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const history = await this.queries.execute(new GetDossierHistoryQuery(id, actor));
    if (!history) throw new ProblemException(404, 'DOSSIER_NOT_FOUND.id', { id });
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
  recognitionDecision(@Param('id') id: string, @Body() b: Step.RecognitionDecisionDto, @Write() c: CommandContext) {
    return this.record('recognition-decision', id, b, c);
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
