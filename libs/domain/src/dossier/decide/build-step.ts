import { meetsThreshold } from '../../rules/rule-sets';
import { ruleSetOn } from '../../rules/rule-sets';
import type { LocalDate } from '../../time/local-date';
import type { DossierCommand } from '../commands';
import { ruleSetFor, ruleSetsOf, type DecideContext } from '../context';
import type { StepEvent, StepEventType } from '../events';
import { exhaustive } from '../exhaustive';
import { storedStep } from '../../events/personal-part';
import { decidedByOf } from '../rules/authority.rule';
import { STEP_ORDER } from '../rules/order.rule';
import type { DossierState } from '../state';

/** The commands that record a step of the procedure. */
export type StepCommand = Exclude<
  DossierCommand,
  { type: 'CorrectStep' | 'RecordDeadlineBreach' | 'WithdrawDeadlineBreach' | 'ErasePersonalData' }
>;

/** Third failed branch vote: reported to the higher committee (QĐ 24-QĐ/TW 4.2.3). */
export const REPORT_FROM_ATTEMPT = 3;

/** A step's event with its data as API.md names it, before the personal fields move under `personal`. */
interface ApiStepEvent {
  type: StepEventType;
  data: Record<string, unknown>;
}

/** The event a step command records, before its rules are checked: personal fields under `personal`. */
export function buildStep(command: StepCommand, state: DossierState, ctx: DecideContext): StepEvent {
  const { type, data } = buildApiStep(command, state, ctx);
  return storedStep(type, data);
}

function buildApiStep(command: StepCommand, state: DossierState, ctx: DecideContext): ApiStepEvent {
  const ruled = (date: LocalDate) => ({ ruleSet: ruleSetFor(date, ctx).id });
  switch (command.type) {
    case 'NominateCandidate': {
      const { candidate, ...rest } = command.data;
      return { type: 'CandidateNominated', data: { ...rest, ...ruled(rest.nominatedOn), personal: candidate } };
    }
    case 'AssignHelpers':
      return { type: 'HelpersAssigned', data: { ...command.data, ...ruled(command.data.assignedOn) } };
    case 'RecordTraining': {
      const set = ruleSetOn(command.data.issuedOn, ruleSetsOf(ctx));
      return { type: 'TrainingCompleted', data: { ...command.data, ...(set && { ruleSet: set.id }) } };
    }
    case 'SubmitApplication':
      return { type: 'ApplicationSubmitted', data: { ...command.data, ...ruled(command.data.submittedOn) } };
    case 'RecordBackgroundVerification':
      return { type: 'BackgroundVerified', data: { ...command.data, ...ruled(command.data.completedOn) } };
    case 'RecordIntroducers':
      return { type: 'IntroducersRecorded', data: { ...command.data, ...ruled(command.data.recordedOn) } };
    case 'CollectOpinions':
      return { type: 'OpinionsCollected', data: { ...command.data, ...ruled(command.data.collectedOn) } };
    case 'RecordBranchResolution': {
      const set = ruleSetFor(command.data.meetingOn, ctx);
      const data = { ...command.data, ruleSet: set.id };
      if (meetsThreshold(data.votesFor, data.officialMembers, set.parameters.voteThreshold))
        return { type: 'BranchResolutionAdopted', data };
      const attempt = state.failedBranchVotes.length + 1;
      return {
        type: 'BranchVoteFailed',
        data: { ...data, attempt, reportToHigherCommittee: attempt >= REPORT_FROM_ATTEMPT },
      };
    }
    case 'RecordCommitteeResolution': {
      const set = ruleSetFor(command.data.adoptedOn, ctx);
      const data = { ...command.data, ruleSet: set.id };
      if (meetsThreshold(data.votesFor, data.committeeMembers, set.parameters.committeeVoteThreshold))
        return { type: 'CommitteeResolutionAdopted', data };
      return { type: 'CommitteeVoteFailed', data: { ...data, attempt: state.failedCommitteeVotes.length + 1 } };
    }
    case 'RecordAdmissionDecision': {
      const { outcome, ...rest } = command.data;
      const data = { ...rest, ...decidedByOf(rest, state, ctx), ...ruled(rest.decidedOn) };
      return outcome === 'admitted'
        ? { type: 'AdmissionDecided', data: { ...data, outcome } }
        : { type: 'AdmissionRefused', data: { ...data, outcome } };
    }
    case 'ExtendDecisionDeadline': {
      STEP_ORDER['decision-deadline-extended'](state);
      const admissionPending = state.branchResolution !== undefined && state.admission === undefined;
      const obligation = admissionPending ? ('admission-decision' as const) : ('recognition-decision' as const);
      return {
        type: 'DecisionDeadlineExtended',
        data: { ...command.data, obligation, ...ruled(command.data.extendedOn) },
      };
    }
    case 'HoldCeremony':
      return { type: 'CeremonyHeld', data: { ...command.data, ...ruled(command.data.heldOn) } };
    case 'ApproveCeremonyDelay':
      return { type: 'CeremonyDelayApproved', data: { ...command.data, ...ruled(command.data.approvedOn) } };
    case 'RecordRecognitionReview': {
      const set = ruleSetFor(command.data.meetingOn, ctx);
      const data = { ...command.data, ruleSet: set.id };
      if (meetsThreshold(data.votesFor, data.officialMembers, set.parameters.voteThreshold))
        return { type: 'RecognitionReviewed', data };
      return { type: 'RecognitionReviewFailed', data: { ...data, attempt: state.failedRecognitionReviews.length + 1 } };
    }
    case 'RecordRecognitionResolution': {
      const set = ruleSetFor(command.data.adoptedOn, ctx);
      const data = { ...command.data, ruleSet: set.id };
      if (meetsThreshold(data.votesFor, data.committeeMembers, set.parameters.committeeVoteThreshold))
        return { type: 'RecognitionResolutionAdopted', data };
      const attempt = state.failedRecognitionResolutions.length + 1;
      return { type: 'RecognitionResolutionFailed', data: { ...data, attempt } };
    }
    case 'AssignProbationHelpers':
      return { type: 'ProbationHelpersAssigned', data: { ...command.data, ...ruled(command.data.assignedOn) } };
    case 'FileMemberProfile':
      return { type: 'MemberProfileFiled', data: { ...command.data, ...ruled(command.data.filedOn) } };
    case 'RecordNewMemberClass':
      return { type: 'NewMemberClassCompleted', data: { ...command.data, ...ruled(command.data.issuedOn) } };
    case 'TransferDossier': {
      const fromBranchId = state.branchId as string;
      return {
        type: 'DossierTransferred',
        data: { ...command.data, fromBranchId, ...ruled(command.data.transferredOn) },
      };
    }
    case 'EndMembership':
      return { type: 'MembershipEnded', data: { ...command.data, ...ruled(command.data.endedOn) } };
    case 'RecordRecognitionDecision': {
      const { outcome, ...rest } = command.data;
      const data = { ...rest, ...decidedByOf(rest, state, ctx), ...ruled(rest.decidedOn) };
      return outcome === 'official'
        ? { type: 'RecognitionDecided', data: { ...data, outcome } }
        : { type: 'MembershipRemoved', data: { ...data, outcome } };
    }
    case 'WithdrawCandidate':
      return { type: 'CandidateWithdrawn', data: { ...command.data, ...ruled(command.data.withdrawnOn) } };
    default:
      return exhaustive(command, undefined as never);
  }
}
