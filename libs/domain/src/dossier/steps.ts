import type { DossierCommandType } from './commands';
import type { StepEventType } from './events';

/** API.md route step (`POST /dossiers/{id}/{step}`) → the command it sends. Nomination is `POST /dossiers`. */
export const STEP_COMMANDS = {
  'helper-assigned': 'AssignHelpers',
  'training-completed': 'RecordTraining',
  'application-submitted': 'SubmitApplication',
  'background-verified': 'RecordBackgroundVerification',
  'introducers-recorded': 'RecordIntroducers',
  'opinions-collected': 'CollectOpinions',
  'branch-resolution': 'RecordBranchResolution',
  'committee-resolution': 'RecordCommitteeResolution',
  'admission-decision': 'RecordAdmissionDecision',
  'decision-deadline-extended': 'ExtendDecisionDeadline',
  ceremony: 'HoldCeremony',
  'ceremony-delay-approved': 'ApproveCeremonyDelay',
  'recognition-review': 'RecordRecognitionReview',
  'recognition-resolution': 'RecordRecognitionResolution',
  'recognition-decision': 'RecordRecognitionDecision',
  'probation-helper-assigned': 'AssignProbationHelpers',
  'member-profile-filed': 'FileMemberProfile',
  'new-member-class-completed': 'RecordNewMemberClass',
  transferred: 'TransferDossier',
  'membership-ended': 'EndMembership',
  withdrawal: 'WithdrawCandidate',
  correction: 'CorrectStep',
} as const satisfies Record<string, DossierCommandType>;

export type StepName = keyof typeof STEP_COMMANDS;

/**
 * Step event → the step name under which `GET /dossiers/{id}` shows it (`steps: { <step>: … }`).
 * The nomination shows as `nomination`; a failed branch vote under `branch-resolution` until one passes.
 */
export const EVENT_STEPS = {
  CandidateNominated: 'nomination',
  HelpersAssigned: 'helper-assigned',
  TrainingCompleted: 'training-completed',
  ApplicationSubmitted: 'application-submitted',
  BackgroundVerified: 'background-verified',
  IntroducersRecorded: 'introducers-recorded',
  OpinionsCollected: 'opinions-collected',
  BranchVoteFailed: 'branch-resolution',
  BranchResolutionAdopted: 'branch-resolution',
  CommitteeResolutionAdopted: 'committee-resolution',
  CommitteeVoteFailed: 'committee-resolution',
  AdmissionDecided: 'admission-decision',
  AdmissionRefused: 'admission-decision',
  DecisionDeadlineExtended: 'decision-deadline-extended',
  CeremonyHeld: 'ceremony',
  CeremonyDelayApproved: 'ceremony-delay-approved',
  RecognitionReviewed: 'recognition-review',
  RecognitionReviewFailed: 'recognition-review',
  RecognitionResolutionAdopted: 'recognition-resolution',
  RecognitionResolutionFailed: 'recognition-resolution',
  RecognitionDecided: 'recognition-decision',
  MembershipRemoved: 'recognition-decision',
  ProbationHelpersAssigned: 'probation-helper-assigned',
  MemberProfileFiled: 'member-profile-filed',
  NewMemberClassCompleted: 'new-member-class-completed',
  DossierTransferred: 'transferred',
  MembershipEnded: 'membership-ended',
  CandidateWithdrawn: 'withdrawal',
} as const satisfies Record<StepEventType, StepName | 'nomination'>;

/** Step event → the command that records it (to check a corrected step's data). */
export const EVENT_COMMANDS = {
  CandidateNominated: 'NominateCandidate',
  HelpersAssigned: 'AssignHelpers',
  TrainingCompleted: 'RecordTraining',
  ApplicationSubmitted: 'SubmitApplication',
  BackgroundVerified: 'RecordBackgroundVerification',
  IntroducersRecorded: 'RecordIntroducers',
  OpinionsCollected: 'CollectOpinions',
  BranchVoteFailed: 'RecordBranchResolution',
  BranchResolutionAdopted: 'RecordBranchResolution',
  CommitteeResolutionAdopted: 'RecordCommitteeResolution',
  CommitteeVoteFailed: 'RecordCommitteeResolution',
  AdmissionDecided: 'RecordAdmissionDecision',
  AdmissionRefused: 'RecordAdmissionDecision',
  DecisionDeadlineExtended: 'ExtendDecisionDeadline',
  CeremonyHeld: 'HoldCeremony',
  CeremonyDelayApproved: 'ApproveCeremonyDelay',
  RecognitionReviewed: 'RecordRecognitionReview',
  RecognitionReviewFailed: 'RecordRecognitionReview',
  RecognitionResolutionAdopted: 'RecordRecognitionResolution',
  RecognitionResolutionFailed: 'RecordRecognitionResolution',
  RecognitionDecided: 'RecordRecognitionDecision',
  MembershipRemoved: 'RecordRecognitionDecision',
  ProbationHelpersAssigned: 'AssignProbationHelpers',
  MemberProfileFiled: 'FileMemberProfile',
  NewMemberClassCompleted: 'RecordNewMemberClass',
  DossierTransferred: 'TransferDossier',
  MembershipEnded: 'EndMembership',
  CandidateWithdrawn: 'WithdrawCandidate',
} as const satisfies Record<StepEventType, DossierCommandType>;
