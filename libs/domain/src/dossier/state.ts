import type { LocalDate } from '../time/local-date';
import type { ObligationCode } from './commands';
import type {
  AdmissionDecided,
  AdmissionRefused,
  ApplicationSubmitted,
  BackgroundVerified,
  BranchResolutionAdopted,
  BranchVoteFailed,
  CandidateNominated,
  CandidateWithdrawn,
  CeremonyDelayApproved,
  CeremonyHeld,
  CommitteeResolutionAdopted,
  CommitteeVoteFailed,
  DecisionDeadlineExtended,
  DossierTransferred,
  MemberProfileFiled,
  MembershipEnded,
  NewMemberClassCompleted,
  ProbationHelpersAssigned,
  RecognitionResolutionAdopted,
  RecognitionResolutionFailed,
  RecognitionReviewFailed,
  HelpersAssigned,
  IntroducersRecorded,
  MembershipRemoved,
  OpinionsCollected,
  RecognitionDecided,
  PersonalDataErased,
  RecognitionReviewed,
  StepEvent,
  TrainingCompleted,
} from './events';
import type { Stage } from './stage';

/** A step as it stands now: the recorded event with every correction applied to its data. */
export interface StepRecord {
  eventId: string;
  recordedAt?: string;
  event: StepEvent;
  /** Ids of the `StepCorrected` events applied to it, oldest first. */
  correctedBy: string[];
}

export interface CorrectionRecord {
  eventId: string;
  targetEventId: string;
  correctedOn: LocalDate;
  /** Personal (free text about the candidate): null once the dossier's personal data was erased. */
  reason: string | null;
  fields: string[];
}

export interface BreachRecord {
  eventId: string;
  obligation: ObligationCode;
  dueOn: LocalDate;
  breachedOn: LocalDate;
  workingDaysLate: number;
  withdrawn?: { withdrawnOn: LocalDate; reason: string };
}

/** What the steps say, derived from the (corrected) step records; the latest record of a step wins. */
export interface DerivedDossier {
  stage?: Stage;
  /** Latest legal date of the main line of steps (extensions and delay approvals excluded). */
  lastStepOn?: LocalDate;
  /** Date the dossier ended (official, removed, ended, refused, withdrawn). */
  closedOn?: LocalDate;
  nomination?: CandidateNominated['data'];
  /** The branch holding the dossier now: the nomination's, or the last transfer's. */
  branchId?: string;
  /** Transfers to another branch, oldest first (what each branch held when: quota counts by date). */
  transfers: DossierTransferred['data'][];
  helpers?: HelpersAssigned['data'];
  training?: TrainingCompleted['data'];
  application?: ApplicationSubmitted['data'];
  background?: BackgroundVerified['data'];
  introducers?: IntroducersRecorded['data'];
  opinions?: OpinionsCollected['data'];
  /** Introducers and opinions recorded again (renewal of a stale dossier, DOMAIN.md §3). */
  renewals: { introducers: number; opinions: number };
  failedBranchVotes: BranchVoteFailed['data'][];
  branchResolution?: BranchResolutionAdopted['data'];
  committeeResolution?: CommitteeResolutionAdopted['data'];
  failedCommitteeVotes: CommitteeVoteFailed['data'][];
  admission?: AdmissionDecided['data'] | AdmissionRefused['data'];
  extensions: Partial<Record<DecisionDeadlineExtended['data']['obligation'], DecisionDeadlineExtended['data']>>;
  ceremonyDelay?: CeremonyDelayApproved['data'];
  ceremony?: CeremonyHeld['data'];
  recognitionReview?: RecognitionReviewed['data'];
  failedRecognitionReviews: RecognitionReviewFailed['data'][];
  /** Step 15, the base committee's resolution on recognition (15-KNĐ). */
  recognitionResolution?: RecognitionResolutionAdopted['data'];
  failedRecognitionResolutions: RecognitionResolutionFailed['data'][];
  probationHelpers?: ProbationHelpersAssigned['data'];
  memberProfile?: MemberProfileFiled['data'];
  newMemberClass?: NewMemberClassCompleted['data'];
  /** Membership ended during probation (removed or deceased), outside the recognition decision. */
  membershipEnded?: MembershipEnded['data'];
  recognitionDecision?: RecognitionDecided['data'] | MembershipRemoved['data'];
  withdrawal?: CandidateWithdrawn['data'];
  /** Party age counts from the admission decision date. */
  partyAgeFrom?: LocalDate;
  /** Ceremony date + 12 months (29 February gives 28 February). */
  probationEndsOn?: LocalDate;
  /** End of the 12 months of probation, even when the review or decision is late (QĐ 24-QĐ/TW 4.2.2). */
  officialSince?: LocalDate;
}

export interface DossierState extends DerivedDossier {
  exists: boolean;
  records: StepRecord[];
  corrections: CorrectionRecord[];
  breaches: BreachRecord[];
  /** The erasure of the candidate's personal data, once recorded: every personal part reads null since. */
  erasure?: PersonalDataErased['data'] & { eventId: string };
}

export const emptyDerived = (): DerivedDossier => ({
  renewals: { introducers: 0, opinions: 0 },
  failedBranchVotes: [],
  failedCommitteeVotes: [],
  failedRecognitionReviews: [],
  failedRecognitionResolutions: [],
  transfers: [],
  extensions: {},
});

export function initialState(): DossierState {
  return { exists: false, records: [], corrections: [], breaches: [], ...emptyDerived() };
}

/**
 * `initialState()` with every field a state may come to hold already there, `undefined` until a step
 * sets it: a fold into it replaces values and never adds a property, so every state folded from it has
 * one layout, and folding is about three times cheaper than from `initialState()` (each field added
 * gives a state a new layout, and the fold's writes see dozens of them). For a read model that folds
 * dossiers by the thousand (the deadlines board); the same state for every reader but one that tells
 * an absent field from an `undefined` one. The type makes every field of `DossierState` be named here.
 */
export function laidOutInitialState(): DossierState {
  const {
    exists,
    records,
    corrections,
    breaches,
    transfers,
    renewals,
    failedBranchVotes,
    failedCommitteeVotes,
    extensions,
    failedRecognitionReviews,
    failedRecognitionResolutions,
  } = initialState();
  // One object literal naming every field (the values `initialState()` gives, else `undefined`): a layout V8 keeps.
  const state: { [K in keyof Required<DossierState>]: DossierState[K] } = {
    exists,
    records,
    corrections,
    breaches,
    erasure: undefined,
    stage: undefined,
    lastStepOn: undefined,
    closedOn: undefined,
    nomination: undefined,
    branchId: undefined,
    transfers,
    helpers: undefined,
    training: undefined,
    application: undefined,
    background: undefined,
    introducers: undefined,
    opinions: undefined,
    renewals,
    failedBranchVotes,
    branchResolution: undefined,
    committeeResolution: undefined,
    failedCommitteeVotes,
    admission: undefined,
    extensions,
    ceremonyDelay: undefined,
    ceremony: undefined,
    recognitionReview: undefined,
    failedRecognitionReviews,
    recognitionResolution: undefined,
    failedRecognitionResolutions,
    probationHelpers: undefined,
    memberProfile: undefined,
    newMemberClass: undefined,
    membershipEnded: undefined,
    recognitionDecision: undefined,
    withdrawal: undefined,
    partyAgeFrom: undefined,
    probationEndsOn: undefined,
    officialSince: undefined,
  };
  return state;
}
