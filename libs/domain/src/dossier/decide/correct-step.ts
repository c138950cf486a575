import { fieldError } from '../../messages/field-error';
import { DomainError, isDomainError } from '../../errors/domain-error';
import { fieldOf, fieldsOf } from '../../events/event-data';
import { ruleSetOn, type RuleSet } from '../../rules/rule-sets';
import { isLocalDate } from '../../time/local-date';
import type { CorrectStep } from '../commands';
import { ruleSetFor, ruleSetsOf, todayOf, type DecideContext } from '../context';
import { applyCorrection } from '../apply-correction';
import { checkStep } from '../checks/check-step';
import { beforeRuleSets, LEGACY_RULE_SET } from './legacy-step';
import { deriveAll } from '../derive';
import { eventLegalDate } from '../event-facts';
import type { StepCorrected, StepEvent, StepEventType } from '../events';
import { checkFields } from '../input';
import { dossierAuthorityOn } from '../rules/authority.rule';
import { splitPersonal, toApiData } from '../../events/personal-part';
import { SHAPES } from '../shapes';
import type { DossierState, StepRecord } from '../state';
import { EVENT_COMMANDS } from '../steps';

const BRANCH = ['meetingOn', 'officialMembers', 'votesFor', 'resolutionNo', 'provincialConsent'];
const DECISION = ['decidedOn', 'decisionNo', 'decidedBy'];
const COMMITTEE = ['adoptedOn', 'committeeMembers', 'votesFor', 'submittedOn'];
const REVIEW = ['meetingOn', 'officialMembers', 'votesFor', 'proposal'];
const RESOLUTION = ['adoptedOn', 'committeeMembers', 'votesFor', 'proposal', 'resolutionNo'];

/** The fields a correction may replace. Outcomes that decide the kind of step are not among them. */
const CORRECTABLE: Record<StepEventType, readonly string[]> = {
  CandidateNominated: ['branchId', 'nominatedBy', 'nominatedOn'],
  HelpersAssigned: ['helpers', 'assignedOn'],
  TrainingCompleted: ['certificateNo', 'issuedOn', 'issuer'],
  ApplicationSubmitted: ['submittedOn'],
  BackgroundVerified: ['completedOn', 'outcome', 'exempt', 'notes'],
  IntroducersRecorded: ['recordedOn', 'introducers', 'noYouthUnionBase'],
  OpinionsCollected: ['collectedOn', 'summary'],
  BranchResolutionAdopted: BRANCH,
  BranchVoteFailed: BRANCH,
  CommitteeResolutionAdopted: COMMITTEE,
  CommitteeVoteFailed: COMMITTEE,
  AdmissionDecided: [...DECISION, 'receivedOn'],
  AdmissionRefused: [...DECISION, 'receivedOn'],
  DecisionDeadlineExtended: ['extendedOn', 'workingDays', 'reason'],
  CeremonyHeld: ['heldOn'],
  CeremonyDelayApproved: ['approvedOn', 'newDueOn', 'approvedBy', 'reason'],
  RecognitionReviewed: REVIEW,
  RecognitionReviewFailed: REVIEW,
  RecognitionResolutionAdopted: RESOLUTION,
  RecognitionResolutionFailed: RESOLUTION,
  RecognitionDecided: DECISION,
  MembershipRemoved: DECISION,
  ProbationHelpersAssigned: ['helpers', 'assignedOn'],
  MemberProfileFiled: ['filedOn'],
  NewMemberClassCompleted: ['certificateNo', 'issuedOn', 'issuer'],
  // The branch a transfer went to is a fact the read models have counted by: a wrong one is moved on by another transfer.
  DossierTransferred: ['transferredOn', 'reason'],
  MembershipEnded: ['endedOn', 'decisionNo'],
  CandidateWithdrawn: ['withdrawnOn', 'reason'],
};

/** The candidate's personal fields, correctable on the nomination as `birthDate` or `candidate.birthDate`. */
export const PERSONAL_FIELDS = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'religion',
  'educationLevel',
  'occupation',
  'youthUnionMember',
  'residence',
];

/**
 * The changes a correction asks for, as API.md names the fields: those of the nomination's candidate
 * apart (`personal`, without the `candidate.` prefix), every other one checked against `CORRECTABLE`.
 */
function split(
  type: StepEventType,
  changes: Record<string, unknown>,
): { changes: Record<string, unknown>; personal?: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const personal: Record<string, unknown> = {};
  const refused: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const field = key.startsWith('candidate.') ? key.slice('candidate.'.length) : key;
    if (type === 'CandidateNominated' && PERSONAL_FIELDS.includes(field)) personal[field] = value;
    else if (CORRECTABLE[type].includes(key)) plain[key] = value;
    else refused.push(key);
  }
  if (refused.length > 0) {
    throw new DomainError(
      'CORRECTION_NOT_ALLOWED.fields',
      { type, fields: refused },
      {
        fields: refused,
        correctable: CORRECTABLE[type],
      },
    );
  }
  if (Object.keys(changes).length === 0)
    throw new DomainError('INVALID_COMMAND.no-changes', {}, { errors: [fieldError('changes', 'field.no-changes')] });
  return { changes: plain, ...(Object.keys(personal).length > 0 && { personal }) };
}

const DECISIONS: readonly StepEventType[] = [
  'AdmissionDecided',
  'AdmissionRefused',
  'RecognitionDecided',
  'MembershipRemoved',
];

/**
 * A correction of a decision's date or deciding body that leaves no body named (`decidedBy: null`, or
 * none recorded) records the one competent on the decision's corrected date, as the decision would.
 */
function withDecidedBy(
  target: StepEvent,
  changes: Record<string, unknown>,
  state: DossierState,
  ctx: DecideContext,
): Record<string, unknown> {
  if (!DECISIONS.includes(target.type) || !('decidedOn' in changes || 'decidedBy' in changes)) return changes;
  const named = 'decidedBy' in changes ? changes.decidedBy : fieldOf(target, 'decidedBy');
  const decidedOn = changes.decidedOn ?? fieldOf(target, 'decidedOn');
  if ((named !== null && named !== undefined) || !isLocalDate(decidedOn)) return changes;
  const found = dossierAuthorityOn(decidedOn, state, ctx);
  return found ? { ...changes, decidedBy: found.unitId } : changes;
}

/** The corrected step's data, checked like the command that recorded it: as API.md names its fields. */
function checkShape(event: StepEvent): Record<string, unknown> {
  const data = toApiData(event.type, fieldsOf(event));
  const { personal, ...rest } = data;
  const body = event.type === 'CandidateNominated' ? { ...rest, candidate: personal } : data;
  return checkFields<Record<string, unknown>>(body, SHAPES[EVENT_COMMANDS[event.type]]);
}

/**
 * A correction's changes and candidate fields, as API.md names them, in the target step's stored
 * shape: `changes` for the fields stored outside its personal part; the others, and the reason (free
 * text, often about the candidate), under `personal`.
 */
function storedParts(
  type: StepEventType,
  changes: Record<string, unknown>,
  candidate: Record<string, unknown> | undefined,
  reason: string,
): Pick<StepCorrected['data'], 'changes' | 'personal'> {
  const { plain, personal } =
    type === 'CandidateNominated' ? { plain: changes, personal: candidate ?? {} } : splitPersonal(type, changes);
  return { changes: plain, personal: { reason, ...(Object.keys(personal).length > 0 && { changes: personal }) } };
}

const stateAt = (
  state: DossierState,
  records: readonly StepRecord[],
  i: number,
  sets: readonly RuleSet[],
): DossierState => ({
  ...deriveAll(records.slice(0, i), sets),
  exists: i > 0,
  records: records.slice(0, i),
  corrections: state.corrections,
  breaches: state.breaches,
});

const isLegacy = (event: StepEvent): boolean => fieldOf(event, 'legacy') === true;

/** Every step from the corrected one on must still satisfy its rules (the legacy ones excepted). */
function recheck(state: DossierState, records: readonly StepRecord[], from: number, ctx: DecideContext): void {
  for (let i = from; i < records.length; i += 1) {
    // A step recorded as history (an imported paper dossier, before the first rule set) is not judged.
    if (isLegacy(records[i].event)) continue;
    try {
      checkStep(records[i].event, stateAt(state, records, i, ruleSetsOf(ctx)), ctx);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const reason = { key: error.messageKey, params: error.messageParams };
      const details = { ...error.details, failingEventId: records[i].eventId };
      throw new DomainError('correction.breaks-rule', { reason }, details, error.code);
    }
  }
}

/** Replaces fields of an earlier step; the dossier must stay consistent with every rule. */
export function correctStep(data: CorrectStep['data'], state: DossierState, ctx: DecideContext): StepCorrected[] {
  const index = state.records.findIndex((r) => r.eventId === data.eventId);
  if (index < 0) {
    const notAStep =
      state.corrections.some((c) => c.eventId === data.eventId) ||
      state.breaches.some((b) => b.eventId === data.eventId);
    if (notAStep) throw new DomainError('CORRECTION_NOT_ALLOWED.not-a-step');
    const figures = { eventId: data.eventId };
    throw new DomainError('CORRECTION_TARGET_NOT_FOUND', figures, figures);
  }
  const target = state.records[index].event;
  const asked = split(target.type, data.changes);
  const { personal } = asked;
  const changes = withDecidedBy(target, asked.changes, state, ctx);
  if (target.type === 'CandidateNominated' && 'branchId' in changes && state.transfers.length > 0) {
    const figures = { transfers: state.transfers.length };
    throw new DomainError('CORRECTION_NOT_ALLOWED.branch-after-transfer', figures, figures);
  }
  const draft = applyCorrection(target, {
    eventId: data.eventId,
    targetType: target.type,
    ...storedParts(target.type, changes, personal, data.reason),
    correctedOn: '',
    ruleSet: '',
  });
  const clean = checkShape(draft);
  const legalDate = eventLegalDate(draft) as string;
  const targetRuleSet =
    isLegacy(target) && beforeRuleSets(legalDate, ctx)
      ? LEGACY_RULE_SET
      : target.type === 'TrainingCompleted'
        ? ruleSetOn(legalDate, ruleSetsOf(ctx))?.id
        : ruleSetFor(legalDate, ctx).id;
  const today = todayOf(ctx);
  const cleanChanges = Object.fromEntries(Object.keys(changes).map((k) => [k, clean[k] ?? null]));
  const cleanCandidate =
    personal &&
    Object.fromEntries(Object.keys(personal).map((k) => [k, (clean.candidate as Record<string, unknown>)[k] ?? null]));
  const correction: StepCorrected['data'] = {
    eventId: data.eventId,
    targetType: target.type,
    ...storedParts(target.type, cleanChanges, cleanCandidate, data.reason),
    correctedOn: today,
    ruleSet: ruleSetFor(today, ctx).id,
    ...(targetRuleSet !== undefined && { targetRuleSet }),
  };
  const records = state.records.map((r, i) => (i === index ? { ...r, event: applyCorrection(target, correction) } : r));
  recheck(state, records, index, ctx);
  return [{ type: 'StepCorrected', data: correction }];
}
