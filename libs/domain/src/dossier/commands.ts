import type { LocalDate } from '../time/local-date';

/** A message `{ type, data }`; `data` field names are the API.md request bodies, one to one. */
export interface Message<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type Gender = 'male' | 'female';
/** Education levels, lowest first; `primary` stands for anything below lower secondary (literacy only). */
export const EDUCATION_LEVELS = [
  'primary',
  'lower-secondary',
  'upper-secondary',
  'college',
  'university',
  'postgraduate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** The candidate's identity and biography: personal data (DESIGN.md §3). */
export interface CandidatePersonal {
  fullName: string;
  birthDate: LocalDate;
  gender: Gender;
  ethnicity: string;
  religion?: string;
  educationLevel: EducationLevel;
  occupation?: string;
  youthUnionMember?: boolean;
  residence?: string;
}

export interface Helper {
  name: string;
  memberId?: string;
}

export type IntroducerKind = 'member' | 'youth-union' | 'trade-union';

export interface Introducer {
  kind: IntroducerKind;
  name: string;
  /** For a member: the date they became an official member. */
  officialSince?: LocalDate;
  /** For a member: since when they have worked, studied or lived with the candidate. */
  knownSince?: LocalDate;
}

/** What a provincial consent allows: a candidate over 60, or one below the minimum education (literacy only). */
export type ConsentGround = 'age' | 'education';

/**
 * Written consent of the provincial standing committee (needed for a candidate over 60 or with
 * literacy-only education). `grounds` names what the document consents to; without it the consent
 * covers every ground the candidate needs it for (one letter about this candidate's admission).
 */
export interface ProvincialConsent {
  documentNo: string;
  givenOn: LocalDate;
  grounds?: ConsentGround[];
}

export type ObligationCode =
  | 'admission-decision'
  | 'admission-ceremony'
  | 'recognition-review'
  | 'recognition-decision'
  | 'certificate-validity'
  | 'dossier-freshness'
  | 'member-profile';

export type NominateCandidate = Message<
  'NominateCandidate',
  { candidate: CandidatePersonal; branchId: string; nominatedBy: string; nominatedOn: LocalDate }
>;
export type AssignHelpers = Message<'AssignHelpers', { helpers: Helper[]; assignedOn: LocalDate }>;
export type RecordTraining = Message<'RecordTraining', { certificateNo: string; issuedOn: LocalDate; issuer: string }>;
export type SubmitApplication = Message<'SubmitApplication', { submittedOn: LocalDate }>;
export type RecordBackgroundVerification = Message<
  'RecordBackgroundVerification',
  { completedOn: LocalDate; outcome: 'passed' | 'failed'; exempt?: boolean; notes?: string }
>;
/**
 * `noYouthUnionBase` says no Youth Union base organisation exists where the candidate is (Party
 * Charter Art. 4): a Youth Union member of youth age may then be introduced by two official members.
 */
export type RecordIntroducers = Message<
  'RecordIntroducers',
  { recordedOn: LocalDate; introducers: Introducer[]; noYouthUnionBase?: boolean }
>;
export type CollectOpinions = Message<'CollectOpinions', { collectedOn: LocalDate; summary?: string }>;
/** `provincialConsent` extends API.md: the consent that allows a candidate over 60 or with literacy-only education. */
export type RecordBranchResolution = Message<
  'RecordBranchResolution',
  {
    meetingOn: LocalDate;
    officialMembers: number;
    votesFor: number;
    resolutionNo?: string;
    provincialConsent?: ProvincialConsent;
  }
>;
export type RecordCommitteeResolution = Message<
  'RecordCommitteeResolution',
  { adoptedOn: LocalDate; committeeMembers: number; votesFor: number; submittedOn?: LocalDate }
>;
export type RecordAdmissionDecision = Message<
  'RecordAdmissionDecision',
  {
    decidedOn: LocalDate;
    decisionNo: string;
    outcome: 'admitted' | 'refused';
    receivedOn?: LocalDate;
    /** The deciding body (API.md v1 additions); omitted: the competent authority on `decidedOn`. */
    decidedBy?: string;
  }
>;
export type ExtendDecisionDeadline = Message<
  'ExtendDecisionDeadline',
  { extendedOn: LocalDate; workingDays: number; reason: string }
>;
export type HoldCeremony = Message<'HoldCeremony', { heldOn: LocalDate }>;
export type ApproveCeremonyDelay = Message<
  'ApproveCeremonyDelay',
  { approvedOn: LocalDate; newDueOn: LocalDate; approvedBy: string; reason: string }
>;
export type RecordRecognitionReview = Message<
  'RecordRecognitionReview',
  { meetingOn: LocalDate; officialMembers: number; votesFor: number; proposal: 'recognize' | 'remove' }
>;
/** Step 15: the base committee's resolution on recognition (15-KNĐ), after the branch review. */
export type RecordRecognitionResolution = Message<
  'RecordRecognitionResolution',
  {
    adoptedOn: LocalDate;
    committeeMembers: number;
    votesFor: number;
    proposal: 'recognize' | 'remove';
    resolutionNo?: string;
  }
>;
/** During probation: the branch assigns official members to help the new member (Charter Art. 5.1). */
export type AssignProbationHelpers = Message<'AssignProbationHelpers', { helpers: Helper[]; assignedOn: LocalDate }>;
/** During probation: the new member files the party member's background (lý lịch đảng viên). */
export type FileMemberProfile = Message<'FileMemberProfile', { filedOn: LocalDate }>;
/** During probation: the new-member class (lớp bồi dưỡng đảng viên mới). */
export type RecordNewMemberClass = Message<
  'RecordNewMemberClass',
  { certificateNo: string; issuedOn: LocalDate; issuer: string }
>;
/** The dossier moves to another branch of the same committee; what was counted before stays where it was. */
export type TransferDossier = Message<
  'TransferDossier',
  { transferredOn: LocalDate; toBranchId: string; reason: string }
>;
/** Membership ends during probation other than by the recognition decision: removal (xóa tên) or death. */
export type EndMembership = Message<
  'EndMembership',
  { endedOn: LocalDate; reason: 'removed' | 'deceased'; decisionNo?: string }
>;
export type RecordRecognitionDecision = Message<
  'RecordRecognitionDecision',
  { decidedOn: LocalDate; decisionNo: string; outcome: 'official' | 'removed'; decidedBy?: string }
>;
export type WithdrawCandidate = Message<'WithdrawCandidate', { withdrawnOn: LocalDate; reason: string }>;
/** Replaces fields of an earlier step (by its event id); the earlier event stays in the history. */
export type CorrectStep = Message<'CorrectStep', { eventId: string; changes: Record<string, unknown>; reason: string }>;
/** Saga-issued: an obligation passed its due date. Idempotent per obligation and due date. */
export type RecordDeadlineBreach = Message<
  'RecordDeadlineBreach',
  { obligation: ObligationCode; dueOn: LocalDate; breachedOn: LocalDate; workingDaysLate: number }
>;
/** Saga-issued: a recorded breach no longer holds (the due date moved, the step was on time). */
export type WithdrawDeadlineBreach = Message<
  'WithdrawDeadlineBreach',
  { obligation: ObligationCode; dueOn: LocalDate; reason: string }
>;

/** Erases the candidate's personal data by destroying the dossier's key (admin only). Once per dossier. */
export type ErasePersonalData = Message<'ErasePersonalData', { reason: string; legalBasis: string }>;

export type DossierCommand =
  | NominateCandidate
  | AssignHelpers
  | RecordTraining
  | SubmitApplication
  | RecordBackgroundVerification
  | RecordIntroducers
  | CollectOpinions
  | RecordBranchResolution
  | RecordCommitteeResolution
  | RecordAdmissionDecision
  | ExtendDecisionDeadline
  | HoldCeremony
  | ApproveCeremonyDelay
  | RecordRecognitionReview
  | RecordRecognitionResolution
  | RecordRecognitionDecision
  | AssignProbationHelpers
  | FileMemberProfile
  | RecordNewMemberClass
  | TransferDossier
  | EndMembership
  | WithdrawCandidate
  | CorrectStep
  | RecordDeadlineBreach
  | WithdrawDeadlineBreach
  | ErasePersonalData;

export type DossierCommandType = DossierCommand['type'];
