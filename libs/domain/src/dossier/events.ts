import type { RuleSetId } from '../rules/rule-sets';
import type { LocalDate } from '../time/local-date';
import type {
  AssignHelpers,
  CandidatePersonal,
  CollectOpinions,
  HoldCeremony,
  Message,
  ObligationCode,
  RecordBackgroundVerification,
  RecordBranchResolution,
  RecordCommitteeResolution,
  RecordIntroducers,
  RecordRecognitionReview,
  RecordTraining,
  SubmitApplication,
  WithdrawCandidate,
  ApproveCeremonyDelay,
  ExtendDecisionDeadline,
  RecordRecognitionResolution,
  AssignProbationHelpers,
  FileMemberProfile,
  RecordNewMemberClass,
  TransferDossier,
  EndMembership,
  Introducer,
} from './commands';

/** Every event's data records the rule set in force on its legal date (DOMAIN.md §7). */
interface Ruled {
  ruleSet: RuleSetId;
  /** A step of a paper dossier dated before the first rule set: recorded as history, not judged (`ruleSet` `legacy`). */
  legacy?: true;
}

interface Decision {
  decidedOn: LocalDate;
  decisionNo: string;
  /** The unit id of the deciding body, competent on `decidedOn`; absent when none was known (dossier README). */
  decidedBy?: string;
}

/** Which of the two introducer paths of the Party Charter Art. 4 the introducers follow. */
export type IntroducerPath = 'two-members' | 'youth-union' | 'trade-union';

type BranchVote = RecordBranchResolution['data'] & Ruled;

/**
 * A command's data with the fields `K` that name or describe a person moved under `personal`
 * (DESIGN.md §3; which fields, and why: `personal-part.ts`). `personal` reads `null` once the
 * dossier's personal data was erased (its key destroyed), and on a step recorded after the erasure.
 */
type WithPersonal<D, K extends keyof D> = Omit<D, K> & { personal: Pick<D, K> | null };

/** What the introducer rules read of an introducer: everything but the name, which is personal. */
export type IntroducerFacts = Omit<Introducer, 'name'>;

/** Personal data lives only under `data.personal` (DESIGN.md §3: it can be crypto-shredded). */
export type CandidateNominated = Message<
  'CandidateNominated',
  { branchId: string; nominatedBy: string; nominatedOn: LocalDate; personal: CandidatePersonal | null } & Ruled
>;
export type HelpersAssigned = Message<'HelpersAssigned', WithPersonal<AssignHelpers['data'], 'helpers'> & Ruled>;
/** `ruleSet` is absent for a certificate issued before the first rule set (it is judged at the branch meeting). */
export type TrainingCompleted = Message<'TrainingCompleted', RecordTraining['data'] & Partial<Ruled>>;
export type ApplicationSubmitted = Message<'ApplicationSubmitted', SubmitApplication['data'] & Ruled>;
export type BackgroundVerified = Message<
  'BackgroundVerified',
  WithPersonal<RecordBackgroundVerification['data'], 'notes'> & Ruled
>;
/** The introducers' facts in `introducers`, their names in `personal.introducers`, in the same order. */
export type IntroducersRecorded = Message<
  'IntroducersRecorded',
  Omit<RecordIntroducers['data'], 'introducers'> & {
    introducers: IntroducerFacts[];
    personal: { introducers: Array<Pick<Introducer, 'name'>> } | null;
  } & Ruled
>;
export type OpinionsCollected = Message<'OpinionsCollected', WithPersonal<CollectOpinions['data'], 'summary'> & Ruled>;
export type BranchResolutionAdopted = Message<'BranchResolutionAdopted', BranchVote>;
/** A branch vote below 2/3: recorded, not refused; `reportToHigherCommittee` from the third one (QĐ 24-QĐ/TW 4.2.3). */
export type BranchVoteFailed = Message<
  'BranchVoteFailed',
  BranchVote & { attempt: number; reportToHigherCommittee: boolean }
>;
export type CommitteeResolutionAdopted = Message<
  'CommitteeResolutionAdopted',
  RecordCommitteeResolution['data'] & Ruled
>;
/** How many times a body voted on the same question and failed (1 for the first failed vote). */
interface Attempt {
  attempt: number;
}
/** A base committee vote below its threshold: a fact, recorded; the dossier stays `proposed`. */
export type CommitteeVoteFailed = Message<'CommitteeVoteFailed', RecordCommitteeResolution['data'] & Attempt & Ruled>;
export type AdmissionDecided = Message<
  'AdmissionDecided',
  Decision & { outcome: 'admitted'; receivedOn?: LocalDate } & Ruled
>;
export type AdmissionRefused = Message<
  'AdmissionRefused',
  Decision & { outcome: 'refused'; receivedOn?: LocalDate } & Ruled
>;
export type DecisionDeadlineExtended = Message<
  'DecisionDeadlineExtended',
  WithPersonal<ExtendDecisionDeadline['data'], 'reason'> & {
    obligation: 'admission-decision' | 'recognition-decision';
  } & Ruled
>;
export type CeremonyHeld = Message<'CeremonyHeld', HoldCeremony['data'] & Ruled>;
export type CeremonyDelayApproved = Message<
  'CeremonyDelayApproved',
  WithPersonal<ApproveCeremonyDelay['data'], 'approvedBy' | 'reason'> & Ruled
>;
export type RecognitionReviewed = Message<'RecognitionReviewed', RecordRecognitionReview['data'] & Ruled>;
/** A branch review vote below 2/3: recorded; probation goes on until a review is adopted. */
export type RecognitionReviewFailed = Message<
  'RecognitionReviewFailed',
  RecordRecognitionReview['data'] & Attempt & Ruled
>;
/** Step 15, the base committee's resolution on recognition (15-KNĐ). */
export type RecognitionResolutionAdopted = Message<
  'RecognitionResolutionAdopted',
  RecordRecognitionResolution['data'] & Ruled
>;
export type RecognitionResolutionFailed = Message<
  'RecognitionResolutionFailed',
  RecordRecognitionResolution['data'] & Attempt & Ruled
>;
export type ProbationHelpersAssigned = Message<
  'ProbationHelpersAssigned',
  WithPersonal<AssignProbationHelpers['data'], 'helpers'> & Ruled
>;
export type MemberProfileFiled = Message<'MemberProfileFiled', FileMemberProfile['data'] & Ruled>;
export type NewMemberClassCompleted = Message<'NewMemberClassCompleted', RecordNewMemberClass['data'] & Ruled>;
/** `fromBranchId`: the branch that held the dossier until the transfer date. */
export type DossierTransferred = Message<
  'DossierTransferred',
  WithPersonal<TransferDossier['data'], 'reason'> & { fromBranchId: string } & Ruled
>;
/** Membership ended during probation: `removed` (xóa tên) gives the stage `removed`, `deceased` the stage `ended`. */
export type MembershipEnded = Message<'MembershipEnded', EndMembership['data'] & Ruled>;
export type RecognitionDecided = Message<'RecognitionDecided', Decision & { outcome: 'official' } & Ruled>;
export type MembershipRemoved = Message<'MembershipRemoved', Decision & { outcome: 'removed' } & Ruled>;
export type CandidateWithdrawn = Message<
  'CandidateWithdrawn',
  WithPersonal<WithdrawCandidate['data'], 'reason'> & Ruled
>;
/**
 * Fields of an earlier step replaced. `changes` holds the new values of the fields the step stores
 * outside its `personal` part; `personal.changes` those of its `personal` part (the candidate's fields
 * for the nomination), in the step's stored shape. The reason, free text often about the candidate
 * ("wrong birth date"), is personal too. `targetRuleSet` is the rule set in force on the corrected
 * step's (possibly corrected) legal date.
 */
export type StepCorrected = Message<
  'StepCorrected',
  {
    eventId: string;
    targetType: StepEventType;
    changes: Record<string, unknown>;
    personal: { reason: string; changes?: Record<string, unknown> } | null;
    correctedOn: LocalDate;
    targetRuleSet?: RuleSetId;
  } & Ruled
>;
export type DeadlineBreached = Message<
  'DeadlineBreached',
  { obligation: ObligationCode; dueOn: LocalDate; breachedOn: LocalDate; workingDaysLate: number } & Ruled
>;
export type DeadlineBreachWithdrawn = Message<
  'DeadlineBreachWithdrawn',
  { obligation: ObligationCode; dueOn: LocalDate; withdrawnOn: LocalDate; reason: string } & Ruled
>;

/** The events that are steps of the procedure (they can be corrected). */
export type StepEvent =
  | CandidateNominated
  | HelpersAssigned
  | TrainingCompleted
  | ApplicationSubmitted
  | BackgroundVerified
  | IntroducersRecorded
  | OpinionsCollected
  | BranchResolutionAdopted
  | BranchVoteFailed
  | CommitteeResolutionAdopted
  | CommitteeVoteFailed
  | AdmissionDecided
  | AdmissionRefused
  | DecisionDeadlineExtended
  | CeremonyHeld
  | CeremonyDelayApproved
  | RecognitionReviewed
  | RecognitionReviewFailed
  | RecognitionResolutionAdopted
  | RecognitionResolutionFailed
  | RecognitionDecided
  | MembershipRemoved
  | ProbationHelpersAssigned
  | MemberProfileFiled
  | NewMemberClassCompleted
  | DossierTransferred
  | MembershipEnded
  | CandidateWithdrawn;

export type StepEventType = StepEvent['type'];

/**
 * The candidate's personal data erased (API.md "Personal data"; Personal Data Protection Law 2025):
 * the dossier's data key is destroyed, so every `personal` part of its stream reads `null` from now on.
 * The steps, dates, deadlines and counts stay. `reason` and `legalBasis` are written for the inspection
 * committee and must not name the person: they are not personal, so that they outlive the erasure.
 */
export type PersonalDataErased = Message<
  'PersonalDataErased',
  { reason: string; legalBasis: string; erasedOn: LocalDate } & Ruled
>;

export type DossierEvent = StepEvent | StepCorrected | DeadlineBreached | DeadlineBreachWithdrawn | PersonalDataErased;
export type DossierEventType = DossierEvent['type'];

/** An event as read back from the store: `eventId` lets a correction target it. */
export type RecordedDossierEvent = DossierEvent & { eventId: string; recordedAt?: string };
