import type { DecideContext } from '../context';
import type { StepEvent } from '../events';
import { exhaustive } from '../exhaustive';
import type { DossierState } from '../state';
import { checkAdmission, checkCeremony, checkCeremonyDelay, checkExtension } from './decisions.check';
import {
  checkApplication,
  checkBackground,
  checkHelpers,
  checkIntroducersStep,
  checkNomination,
  checkOpinions,
  checkTraining,
} from './preparation.check';
import {
  checkMemberProfile,
  checkMembershipEnded,
  checkNewMemberClass,
  checkProbationHelpers,
  checkTransfer,
} from './probation.check';
import {
  checkRecognitionDecision,
  checkRecognitionResolution,
  checkRecognitionReview,
  checkWithdrawal,
} from './recognition.check';
import { checkBranchVote, checkCommittee } from './resolutions.check';

/**
 * Every rule a step must satisfy given the dossier before it: order, dates and the step's own rules.
 * `decide` runs it on the event it is about to return; a correction runs it again on the corrected
 * step and every step after it.
 */
export function checkStep(event: StepEvent, before: DossierState, ctx: DecideContext): void {
  switch (event.type) {
    case 'CandidateNominated':
      return checkNomination(event.data, before, ctx);
    case 'HelpersAssigned':
      return checkHelpers(event.data, before, ctx);
    case 'TrainingCompleted':
      return checkTraining(event.data, before, ctx);
    case 'ApplicationSubmitted':
      return checkApplication(event.data, before, ctx);
    case 'BackgroundVerified':
      return checkBackground(event.data, before, ctx);
    case 'IntroducersRecorded':
      return checkIntroducersStep(event.data, before, ctx);
    case 'OpinionsCollected':
      return checkOpinions(event.data, before, ctx);
    case 'BranchResolutionAdopted':
    case 'BranchVoteFailed':
      return checkBranchVote(event, before, ctx);
    case 'CommitteeResolutionAdopted':
    case 'CommitteeVoteFailed':
      return checkCommittee(event, before, ctx);
    case 'AdmissionDecided':
    case 'AdmissionRefused':
      return checkAdmission(event.data, before, ctx);
    case 'DecisionDeadlineExtended':
      return checkExtension(event.data, before, ctx);
    case 'CeremonyHeld':
      return checkCeremony(event.data, before, ctx);
    case 'CeremonyDelayApproved':
      return checkCeremonyDelay(event.data, before, ctx);
    case 'RecognitionReviewed':
    case 'RecognitionReviewFailed':
      return checkRecognitionReview(event, before, ctx);
    case 'RecognitionResolutionAdopted':
    case 'RecognitionResolutionFailed':
      return checkRecognitionResolution(event, before, ctx);
    case 'ProbationHelpersAssigned':
      return checkProbationHelpers(event.data, before, ctx);
    case 'MemberProfileFiled':
      return checkMemberProfile(event.data, before, ctx);
    case 'NewMemberClassCompleted':
      return checkNewMemberClass(event.data, before, ctx);
    case 'DossierTransferred':
      return checkTransfer(event.data, before, ctx);
    case 'MembershipEnded':
      return checkMembershipEnded(event.data, before, ctx);
    case 'RecognitionDecided':
    case 'MembershipRemoved':
      return checkRecognitionDecision(event.data, before, ctx);
    case 'CandidateWithdrawn':
      return checkWithdrawal(event.data, before, ctx);
    default:
      return exhaustive(event, undefined);
  }
}
