import type { Message, ObligationCode } from '../dossier/commands';
import type { MessageRef } from '../messages/message-text';
import type { LocalDate } from '../time/local-date';

/**
 * An inspection case (vụ việc kiểm tra) of the inspection committee (Ủy ban Kiểm tra, UBKT): opened by
 * the deadline saga when an obligation of DOMAIN.md §3 is breached, worked by the `inspector` role.
 */
export type InspectionCaseStatus = 'open' | 'acknowledged' | 'closed' | 'withdrawn';

/** What the saga knows when it opens a case: the breached obligation and why it is late. */
export interface InspectionCaseFacts {
  dossierId: string;
  branchId: string;
  obligation: ObligationCode;
  dueOn: LocalDate;
  breachedOn: LocalDate;
  workingDaysLate: number;
  /**
   * The deadline's explanation (`explainObligation`): period, source, days skipped, status; catalogue
   * messages, one a line, rendered in the reader's language where it is shown.
   */
  explanation: MessageRef[];
}

/** Saga-issued. Idempotent: a case already open (or acknowledged, or closed) gives no event. */
export type OpenInspectionCase = Message<'OpenInspectionCase', InspectionCaseFacts>;
export type AcknowledgeInspectionCase = Message<'AcknowledgeInspectionCase', { note?: string }>;
export type CloseInspectionCase = Message<'CloseInspectionCase', { finding: string; resolution: string }>;
/** Saga-issued when the breach is withdrawn (back-filled dates show the step was on time). */
export type WithdrawInspectionCase = Message<'WithdrawInspectionCase', { reason: string }>;

export type InspectionCaseCommand =
  OpenInspectionCase | AcknowledgeInspectionCase | CloseInspectionCase | WithdrawInspectionCase;

export type InspectionCaseOpened = Message<'InspectionCaseOpened', InspectionCaseFacts & { caseId: string }>;

/** Schema version 1 of `InspectionCaseOpened` stored the explanation as English text. */
export type InspectionCaseOpenedV1 = Omit<InspectionCaseOpened['data'], 'explanation'> & { explanation: string };

/**
 * Version 2 stores the explanation as catalogue messages, shown in any language later; an explanation
 * stored as text by version 1 stays that text (`explain.recorded`).
 */
export const inspectionCaseOpenedFromV1 = ({
  explanation,
  ...rest
}: InspectionCaseOpenedV1): InspectionCaseOpened['data'] => ({
  ...rest,
  explanation: [{ key: 'explain.recorded', params: { text: explanation } }],
});
/**
 * An inspector's free text (a note, a finding, a resolution) is written about a dossier's case and may
 * name or describe the candidate or the people who handled it: it sits in the event's `personal` part
 * (DESIGN.md §3), sealed with the dossier's key (`personalSubjectOfStream`) and erased with it, when
 * the part reads `null`. Schema version 1 stored it at the top of the data.
 */
export type InspectionCaseAcknowledged = Message<'InspectionCaseAcknowledged', { personal: { note?: string } | null }>;
export type InspectionCaseClosed = Message<
  'InspectionCaseClosed',
  { personal: { finding: string; resolution: string } | null }
>;

export const inspectionCaseAcknowledgedFromV1 = ({ note }: { note?: string }): InspectionCaseAcknowledged['data'] => ({
  personal: note === undefined ? {} : { note },
});
export const inspectionCaseClosedFromV1 = (data: {
  finding: string;
  resolution: string;
}): InspectionCaseClosed['data'] => ({
  personal: { finding: data.finding, resolution: data.resolution },
});
/** The saga's reason (the breach no longer holds): not about a person, so it outlives an erasure. */
export type InspectionCaseWithdrawn = Message<'InspectionCaseWithdrawn', { reason: string }>;

export type InspectionCaseEvent =
  InspectionCaseOpened | InspectionCaseAcknowledged | InspectionCaseClosed | InspectionCaseWithdrawn;
export type InspectionCaseEventType = InspectionCaseEvent['type'];

export const INSPECTION_CASE_EVENT_TYPES: readonly InspectionCaseEventType[] = [
  'InspectionCaseOpened',
  'InspectionCaseAcknowledged',
  'InspectionCaseClosed',
  'InspectionCaseWithdrawn',
];

export interface InspectionCaseState {
  /** `none` before the first opening. */
  status: InspectionCaseStatus | 'none';
  facts?: InspectionCaseFacts & { caseId: string };
  note?: string;
  finding?: string;
  resolution?: string;
  withdrawnReason?: string;
  /** Times the case was opened (a withdrawn case opens again when its breach comes back). */
  openings: number;
}

export const initialInspectionCase = (): InspectionCaseState => ({ status: 'none', openings: 0 });

/**
 * The case id of a breach: deterministic, so that a duplicate or late firing finds the same case.
 * Readable and free of `:` (`<dossierId>_<obligation>_<dueOn>`); it holds no personal data.
 */
export const inspectionCaseId = (dossierId: string, obligation: ObligationCode, dueOn: LocalDate): string =>
  `${dossierId}_${obligation}_${dueOn}`;

const CASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[a-z-]+_\d{4}-\d{2}-\d{2}$/;

/** True for the shape of an id {@link inspectionCaseId} makes from a dossier id (a UUID). */
export const isInspectionCaseId = (id: string): boolean => CASE_ID.test(id);

/** The dossier a case id was made from, or `undefined` for an id of another shape. */
export const dossierIdOfCase = (caseId: string): string | undefined =>
  isInspectionCaseId(caseId) ? caseId.slice(0, caseId.indexOf('_')) : undefined;
