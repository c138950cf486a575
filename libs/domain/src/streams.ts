import { dossierIdOfCase } from './inspection/inspection-case';

/**
 * The streams of the event store, named once (DESIGN.md §3): ids are opaque and carry no personal
 * data. A dossier's stream is `dossier-<uuid>`, an inspection case's `inspection-case-<caseId>`, a
 * year's plan `plan-<year>`, a user's account `user-<username>`; the unit catalog, the deadline
 * reminders and the access log of personal-data reads have one stream each.
 */

const DOSSIER_PREFIX = 'dossier-';
const INSPECTION_CASE_PREFIX = 'inspection-case-';
const PLAN_PREFIX = 'plan-';
const USER_PREFIX = 'user-';

/** The one stream of the unit catalog: every unit of the commune, a few tens of them. */
export const UNITS_STREAM = 'units';

/** The stream of deadline reminders, written by the deadline saga. */
export const NOTIFICATIONS_STREAM = 'notifications';

/** The access log of personal-data reads: appended to in batches, never read back to decide anything. */
export const ACCESS_LOG_STREAM = 'access-log';

export const dossierStreamId = (dossierId: string): string => `${DOSSIER_PREFIX}${dossierId}`;

export const isDossierStream = (streamId: string): boolean => streamId.startsWith(DOSSIER_PREFIX);

/** The dossier id of a dossier stream, or `undefined` for any other stream. */
export const dossierIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(DOSSIER_PREFIX) ? streamId.slice(DOSSIER_PREFIX.length) : undefined;

export const inspectionCaseStreamId = (caseId: string): string => `${INSPECTION_CASE_PREFIX}${caseId}`;

/** The case id of a stream, or `undefined` for a stream that is not an inspection case. */
export const caseIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(INSPECTION_CASE_PREFIX) ? streamId.slice(INSPECTION_CASE_PREFIX.length) : undefined;

/** Each plan year has its own stream; a new adoption replaces the plan. */
export const planStreamId = (year: number): string => `${PLAN_PREFIX}${year}`;

/**
 * The plan stream of a committee's year, when the year's own stream (`plan-<year>`, the first and
 * only committee's) belongs to another committee: `plan-<committeeId>-<year>`.
 */
export const committeePlanStreamId = (committeeId: string, year: number): string =>
  `${PLAN_PREFIX}${committeeId}-${year}`;

/** A user's account has its own stream, so the audit trail covers it (DESIGN.md §9). */
export const userStreamId = (username: string): string => `${USER_PREFIX}${username}`;

/** The username of a user's stream, or `undefined` for any other stream. */
export const usernameOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(USER_PREFIX) ? streamId.slice(USER_PREFIX.length) : undefined;

/**
 * The subject whose key seals a stream's personal parts: a dossier's stream, and the streams of its
 * inspection cases (an inspector's free text about the case), are the dossier's; other streams hold
 * no personal part.
 */
export const personalSubjectOfStream = (streamId: string): string | undefined => {
  const dossierId = dossierIdOfStream(streamId);
  if (dossierId !== undefined) return dossierId;
  const caseId = caseIdOfStream(streamId);
  return caseId === undefined ? undefined : dossierIdOfCase(caseId);
};
