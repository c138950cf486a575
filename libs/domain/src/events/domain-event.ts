import { LEGAL_DATE_FIELD } from '../dossier/event-facts';
import type { DossierEvent, DossierEventType, StepEventType } from '../dossier/events';
import { EVENT_STEPS } from '../dossier/steps';
import {
  INSPECTION_CASE_EVENT_TYPES,
  type InspectionCaseEvent,
  type InspectionCaseEventType,
} from '../inspection/inspection-case';
import type { ReminderScheduled, ReminderSent } from '../obligations/reminder-events';
import type { PlanAdopted } from '../plan/plan-fold';
import type { QuotaReportIssued } from '../plan/quota-issue';
import type { UnitRecorded } from '../plan/unit-catalog';
import { USER_EVENT_TYPES, type UserEvent, type UserEventType } from '../accounts/user';
import type { PersonalDataRead } from '../access-log/personal-data-read';

/**
 * Every event the system stores, by stream: a dossier's steps, corrections and deadline records; an
 * inspection case's events; the unit catalog's and a year's plan; the deadline reminders; the issued
 * quarterly quota reports; a user's account; the access log of personal-data reads.
 */
export type DomainEvent =
  | DossierEvent
  | InspectionCaseEvent
  | UnitRecorded
  | PlanAdopted
  | ReminderScheduled
  | ReminderSent
  | QuotaReportIssued
  | UserEvent
  | PersonalDataRead;

export type DomainEventType = DomainEvent['type'];

/** The type tag of an {@link UnknownEvent}: never the type of an event this release writes. */
export const UNKNOWN_EVENT = 'UnknownEvent';

/**
 * A stored event of a type this release does not know (a newer release wrote it). It keeps its stored
 * type and data untouched; every consumer skips it, as the fold of a stream skips a type it does not
 * know.
 */
export interface UnknownEvent {
  type: typeof UNKNOWN_EVENT;
  storedType: string;
  data: unknown;
}

/** What the decoder gives for any stored event: a typed domain event, or an unknown one. */
export type DecodedEvent = DomainEvent | UnknownEvent;

const DOSSIER_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(LEGAL_DATE_FIELD));
const STEP_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(EVENT_STEPS));
const CASE_EVENT_TYPES: ReadonlySet<string> = new Set(INSPECTION_CASE_EVENT_TYPES);
const ACCOUNT_EVENT_TYPES: ReadonlySet<string> = new Set(USER_EVENT_TYPES);

/** True for an event of a dossier's stream (a step, a correction, a deadline record). */
export const isDossierEvent = <E extends DecodedEvent>(event: E): event is Extract<E, { type: DossierEventType }> =>
  DOSSIER_EVENT_TYPES.has(event.type);

/** True for a step of the procedure (an event a correction may target). */
export const isStepEvent = <E extends DecodedEvent>(event: E): event is Extract<E, { type: StepEventType }> =>
  STEP_EVENT_TYPES.has(event.type);

/** True for an event of an inspection case's stream. */
export const isInspectionCaseEvent = <E extends DecodedEvent>(
  event: E,
): event is Extract<E, { type: InspectionCaseEventType }> => CASE_EVENT_TYPES.has(event.type);

/** True for an event of a user's stream. */
export const isUserEvent = <E extends DecodedEvent>(event: E): event is Extract<E, { type: UserEventType }> =>
  ACCOUNT_EVENT_TYPES.has(event.type);
