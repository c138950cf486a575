import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { StepName } from '@ketnap/domain';
import {
  GetDossierHistoryQuery,
  NominateCandidateCommand,
  RecordDossierStepCommand,
  type AuthenticatedActor,
  type CommandOutcome,
  type DossierView,
  type Permission,
  type WriteContext,
} from '@ketnap/engine';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { Requires } from '../common/auth/requires.decorator';
import { Write } from '../common/request/write-context.decorator';
import { DossierAccess } from './dossier-access';
import { DossierAsOfQueryDto } from './dossier-as-of.query.dto';
import { NominateRequestDto } from './dto/nominate.request.dto';
import * as Step from './dto/step.request.dto';

/** Which permission records each step: branch steps, the base committee's resolution, decisions. */
const STEP_PERMISSION: Record<StepName, Permission> = {
  'helper-assigned': 'steps:branch',
  'training-completed': 'steps:branch',
  'application-submitted': 'steps:branch',
  'background-verified': 'steps:branch',
  'introducers-recorded': 'steps:branch',
  'opinions-collected': 'steps:branch',
  'branch-resolution': 'steps:branch',
  'committee-resolution': 'steps:committee',
  'admission-decision': 'steps:decision',
  'decision-deadline-extended': 'steps:decision',
  ceremony: 'steps:branch',
  'ceremony-delay-approved': 'steps:decision',
  'recognition-review': 'steps:branch',
  'recognition-decision': 'steps:decision',
  withdrawal: 'steps:branch',
  correction: 'steps:branch',
};

const WRITE_HEADERS = [
  ApiHeader({ name: 'If-Match', required: false, description: "The dossier's version the client saw (409 when stale)" }),
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes the write safe to resend' }),
];
const WriteHeaders = (): MethodDecorator => (target, key, descriptor) => {
  for (const d of WRITE_HEADERS) d(target, key, descriptor);
};

/** Dossiers (API.md "Dossiers"): nomination, one route per step, the dossier and its history. */
@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly access: DossierAccess,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('dossiers:nominate')
  @WriteHeaders()
  async nominate(@Body() body: NominateRequestDto, @CurrentActor() actor: AuthenticatedActor, @Write() context: WriteContext) {
    await this.access.mayNominate(actor, body.branchId, body.nominatedBy);
    const { id, version, stage } = (await this.commands.execute(new NominateCandidateCommand(body, context))) as CommandOutcome;
    return { id, version, stage };
  }

  @Get(':id')
  @Requires('dossiers:read')
  get(@Param('id') id: string, @Query() { asOf }: DossierAsOfQueryDto, @CurrentActor() actor: AuthenticatedActor): Promise<DossierView> {
    return this.access.readable(actor, id, asOf);
  }

  @Get(':id/history')
  @Requires('dossiers:read')
  async history(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    await this.access.readable(actor, id);
    return this.queries.execute(new GetDossierHistoryQuery(id));
  }

  private async record(step: StepName, id: string, body: object, actor: AuthenticatedActor, context: WriteContext) {
    let permission = STEP_PERMISSION[step];
    const dossier = await this.access.writable(actor, id, permission);
    if (step === 'correction') {
      const target = Object.entries(dossier.steps).find(([, view]) => view.eventId === (body as Step.CorrectionDto).eventId);
      if (target && target[0] in STEP_PERMISSION) permission = STEP_PERMISSION[target[0] as StepName];
      await this.access.writable(actor, id, permission);
    }
    const outcome = (await this.commands.execute(new RecordDossierStepCommand(id, step, { ...body }, context))) as CommandOutcome;
    return { id: outcome.id, version: outcome.version, stage: outcome.stage, appended: outcome.appended };
  }

  @Post(':id/helper-assigned') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  helperAssigned(@Param('id') id: string, @Body() b: Step.HelperAssignedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('helper-assigned', id, b, a, c);
  }

  @Post(':id/training-completed') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  trainingCompleted(@Param('id') id: string, @Body() b: Step.TrainingCompletedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('training-completed', id, b, a, c);
  }

  @Post(':id/application-submitted') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  applicationSubmitted(@Param('id') id: string, @Body() b: Step.ApplicationSubmittedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('application-submitted', id, b, a, c);
  }

  @Post(':id/background-verified') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  backgroundVerified(@Param('id') id: string, @Body() b: Step.BackgroundVerifiedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('background-verified', id, b, a, c);
  }

  @Post(':id/introducers-recorded') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  introducersRecorded(@Param('id') id: string, @Body() b: Step.IntroducersRecordedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('introducers-recorded', id, b, a, c);
  }

  @Post(':id/opinions-collected') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  opinionsCollected(@Param('id') id: string, @Body() b: Step.OpinionsCollectedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('opinions-collected', id, b, a, c);
  }

  @Post(':id/branch-resolution') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  branchResolution(@Param('id') id: string, @Body() b: Step.BranchResolutionDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('branch-resolution', id, b, a, c);
  }

  @Post(':id/committee-resolution') @HttpCode(200) @Requires('steps:committee') @WriteHeaders()
  committeeResolution(@Param('id') id: string, @Body() b: Step.CommitteeResolutionDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('committee-resolution', id, b, a, c);
  }

  @Post(':id/admission-decision') @HttpCode(200) @Requires('steps:decision') @WriteHeaders()
  admissionDecision(@Param('id') id: string, @Body() b: Step.AdmissionDecisionDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('admission-decision', id, b, a, c);
  }

  @Post(':id/decision-deadline-extended') @HttpCode(200) @Requires('steps:decision') @WriteHeaders()
  decisionDeadlineExtended(@Param('id') id: string, @Body() b: Step.DecisionDeadlineExtendedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('decision-deadline-extended', id, b, a, c);
  }

  @Post(':id/ceremony') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  ceremony(@Param('id') id: string, @Body() b: Step.CeremonyDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('ceremony', id, b, a, c);
  }

  @Post(':id/ceremony-delay-approved') @HttpCode(200) @Requires('steps:decision') @WriteHeaders()
  ceremonyDelayApproved(@Param('id') id: string, @Body() b: Step.CeremonyDelayApprovedDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('ceremony-delay-approved', id, b, a, c);
  }

  @Post(':id/recognition-review') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  recognitionReview(@Param('id') id: string, @Body() b: Step.RecognitionReviewDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('recognition-review', id, b, a, c);
  }

  @Post(':id/recognition-decision') @HttpCode(200) @Requires('steps:decision') @WriteHeaders()
  recognitionDecision(@Param('id') id: string, @Body() b: Step.RecognitionDecisionDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('recognition-decision', id, b, a, c);
  }

  @Post(':id/withdrawal') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  withdrawal(@Param('id') id: string, @Body() b: Step.WithdrawalDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('withdrawal', id, b, a, c);
  }

  @Post(':id/correction') @HttpCode(200) @Requires('steps:branch') @WriteHeaders()
  correction(@Param('id') id: string, @Body() b: Step.CorrectionDto, @CurrentActor() a: AuthenticatedActor, @Write() c: WriteContext) {
    return this.record('correction', id, b, a, c);
  }
}
