import { stepCorrectedFromV1, stepFromV1 } from '../dossier/personal-upcasters';
import { reminderScheduledFromV1, reminderSentFromV1 } from '../obligations/reminder-events';
import {
  inspectionCaseAcknowledgedFromV1,
  inspectionCaseClosedFromV1,
  inspectionCaseOpenedFromV1,
} from '../inspection/inspection-case';
import { planAdoptedFromV1 } from '../plan/plan-fold';
import type { DomainEventType } from './domain-event';

/** Brings an event's stored data from one schema version to the next. */
export type Upcaster = (data: never) => unknown;

/**
 * The schema of one event type: the version this release writes, and for each older version `v` the
 * upcaster from `v` to `v + 1`.
 */
export interface EventSchema {
  version: number;
  upcasters?: Readonly<Record<number, Upcaster>>;
}

/**
 * The schema version of every event type, with the upcasters that bring a stored older version to it:
 * upcasters are keyed by type and schema version. A change of an event's data shape adds a version
 * here and the upcaster from the one before; the stored events stay as they were written.
 */
export const EVENT_SCHEMAS: Readonly<Record<DomainEventType, EventSchema>> = {
  CandidateNominated: { version: 1 },
  HelpersAssigned: { version: 2, upcasters: { 1: stepFromV1('HelpersAssigned') } },
  TrainingCompleted: { version: 1 },
  ApplicationSubmitted: { version: 1 },
  BackgroundVerified: { version: 2, upcasters: { 1: stepFromV1('BackgroundVerified') } },
  IntroducersRecorded: { version: 2, upcasters: { 1: stepFromV1('IntroducersRecorded') } },
  OpinionsCollected: { version: 2, upcasters: { 1: stepFromV1('OpinionsCollected') } },
  BranchResolutionAdopted: { version: 1 },
  BranchVoteFailed: { version: 1 },
  CommitteeResolutionAdopted: { version: 1 },
  AdmissionDecided: { version: 1 },
  AdmissionRefused: { version: 1 },
  DecisionDeadlineExtended: { version: 2, upcasters: { 1: stepFromV1('DecisionDeadlineExtended') } },
  CeremonyHeld: { version: 1 },
  CeremonyDelayApproved: { version: 2, upcasters: { 1: stepFromV1('CeremonyDelayApproved') } },
  RecognitionReviewed: { version: 1 },
  RecognitionDecided: { version: 1 },
  MembershipRemoved: { version: 1 },
  CandidateWithdrawn: { version: 2, upcasters: { 1: stepFromV1('CandidateWithdrawn') } },
  CommitteeVoteFailed: { version: 1 },
  RecognitionReviewFailed: { version: 1 },
  RecognitionResolutionAdopted: { version: 1 },
  RecognitionResolutionFailed: { version: 1 },
  ProbationHelpersAssigned: { version: 2, upcasters: { 1: stepFromV1('ProbationHelpersAssigned') } },
  MemberProfileFiled: { version: 1 },
  NewMemberClassCompleted: { version: 1 },
  DossierTransferred: { version: 2, upcasters: { 1: stepFromV1('DossierTransferred') } },
  MembershipEnded: { version: 1 },
  StepCorrected: { version: 2, upcasters: { 1: stepCorrectedFromV1 } },
  DeadlineBreached: { version: 1 },
  DeadlineBreachWithdrawn: { version: 1 },
  PersonalDataErased: { version: 1 },
  InspectionCaseOpened: { version: 2, upcasters: { 1: inspectionCaseOpenedFromV1 } },
  InspectionCaseAcknowledged: { version: 2, upcasters: { 1: inspectionCaseAcknowledgedFromV1 } },
  InspectionCaseClosed: { version: 2, upcasters: { 1: inspectionCaseClosedFromV1 } },
  InspectionCaseWithdrawn: { version: 1 },
  UnitRecorded: { version: 1 },
  PlanAdopted: { version: 2, upcasters: { 1: planAdoptedFromV1 } },
  ReminderScheduled: { version: 2, upcasters: { 1: reminderScheduledFromV1 } },
  ReminderSent: { version: 2, upcasters: { 1: reminderSentFromV1 } },
  QuotaReportIssued: { version: 1 },
  UserRegistered: { version: 1 },
  UserUpdated: { version: 1 },
  UserPasswordChanged: { version: 1 },
  UserDisabled: { version: 1 },
  PersonalDataRead: { version: 1 },
};

/** The schema version a writer stamps on an event of this type. */
export const schemaVersionOf = (type: DomainEventType): number => EVENT_SCHEMAS[type].version;
