import {
  candidateOf,
  obligationsOf,
  ruleSetOn,
  stageOn,
  stepsOf,
  type CandidatePersonal,
  type ErasedCandidate,
  type NextStep,
  type Obligation,
  type RuleSet,
  type StepView,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { LoadedDossier } from './dossier.service';

/** A deadline as API.md shows it: the obligation's facts, its skipped days as plain dates. */
export interface DeadlineView extends Pick<
  Obligation,
  | 'obligation'
  | 'startedOn'
  | 'dueOn'
  | 'status'
  | 'metOn'
  | 'breachedOn'
  | 'workingDaysLate'
  | 'remindOn'
  | 'escalates'
  | 'warnings'
> {
  skippedDays: string[];
}

/** `GET /dossiers/{id}` (API.md). */
export interface DossierView {
  id: string;
  version: number;
  stage: string;
  /** The candidate's data; every field null once erased (`erased`). */
  candidate?: CandidatePersonal | ErasedCandidate;
  /** The erasure of the candidate's personal data (API.md "Personal data"), once recorded. */
  erased?: boolean;
  erasure?: { erasedOn: string; reason: string; legalBasis: string };
  branchId?: string;
  nominatedBy?: string;
  transfers?: Array<{ transferredOn: string; fromBranchId: string; toBranchId: string; reason: string | null }>;
  steps: Record<string, StepView>;
  deadlines: DeadlineView[];
  ruleSet?: string;
  officialSince?: string;
  partyAgeFrom?: string;
  asOf: string;
  /** The steps the reading actor may record next (`recordableSteps`); set by the query, not by `dossierView`. */
  nextSteps?: NextStep[];
}

export function deadlineView(o: Obligation): DeadlineView {
  const view: DeadlineView = {
    obligation: o.obligation,
    startedOn: o.startedOn,
    dueOn: o.dueOn,
    status: o.status,
    skippedDays: o.skippedDays.map((d) => d.date),
    remindOn: o.remindOn,
    escalates: o.escalates,
    warnings: o.warnings,
  };
  if (o.metOn !== undefined) view.metOn = o.metOn;
  if (o.breachedOn !== undefined) view.breachedOn = o.breachedOn;
  if (o.workingDaysLate !== undefined) view.workingDaysLate = o.workingDaysLate;
  return view;
}

/** The dossier as of `on` (a legal date): its stage, steps, deadlines judged on that day; `version`: the events it folds. */
export function dossierView(
  dossier: Pick<LoadedDossier, 'id' | 'version' | 'state'>,
  calendar: WorkingDayCalendar,
  on: string,
  reminderDays: number[],
  ruleSets: readonly RuleSet[],
): DossierView {
  const { state } = dossier;
  const nomination = state.nomination;
  const view: DossierView = {
    id: dossier.id,
    version: dossier.version,
    stage: stageOn(state, on) ?? 'nominated',
    candidate: candidateOf(state),
    branchId: state.branchId,
    nominatedBy: nomination?.nominatedBy,
    steps: stepsOf(state),
    deadlines: obligationsOf(state, calendar, { today: on, reminderDays, ruleSets }).map(deadlineView),
    ruleSet: ruleSetOn(on, ruleSets)?.id,
    asOf: on,
  };
  if (state.transfers.length > 0)
    view.transfers = state.transfers.map(({ transferredOn, fromBranchId, toBranchId, personal }) => ({
      transferredOn,
      fromBranchId,
      toBranchId,
      reason: personal?.reason ?? null,
    }));
  if (state.erasure) {
    const { erasedOn, reason, legalBasis } = state.erasure;
    view.erased = true;
    view.erasure = { erasedOn, reason, legalBasis };
  }
  if (state.officialSince !== undefined) view.officialSince = state.officialSince;
  if (state.partyAgeFrom !== undefined) view.partyAgeFrom = state.partyAgeFrom;
  return view;
}

/** One entry of `GET /dossiers/{id}/history`. */
export function historyItem(e: EventEnvelope) {
  return {
    globalPosition: e.globalPosition,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    occurredOn: e.metadata.occurredOn ?? null,
    recordedAt: e.metadata.recordedAt,
    actor: e.metadata.actor ?? null,
    ruleSet: e.metadata.ruleSet ?? null,
    /** The hash of the rule set's parameters when recorded; null on events recorded before hashes were kept. */
    ruleSetHash: e.metadata.ruleSetHash ?? null,
    correlationId: e.metadata.correlationId ?? null,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
