import type { RecordedDossierEvent, StepCorrected, StepEventType } from '../dossier/events';
import { cutRecord } from '../events';

/**
 * The fields of each step that a dossier's obligations (`obligationsOf`), its branch and its closing
 * date are derived from. The steps not named bear on none of them.
 */
const OBLIGATION_FIELDS: Partial<Record<StepEventType, readonly string[]>> = {
  CandidateNominated: ['branchId'],
  TrainingCompleted: ['issuedOn'],
  ApplicationSubmitted: ['submittedOn'],
  IntroducersRecorded: ['recordedOn'],
  OpinionsCollected: ['collectedOn'],
  BranchResolutionAdopted: ['meetingOn'],
  AdmissionDecided: ['outcome', 'decidedOn', 'receivedOn'],
  AdmissionRefused: ['outcome', 'decidedOn', 'receivedOn'],
  DecisionDeadlineExtended: ['obligation', 'workingDays'],
  CeremonyHeld: ['heldOn', 'ruleSet'],
  CeremonyDelayApproved: ['newDueOn'],
  RecognitionReviewed: ['meetingOn'],
  RecognitionDecided: ['decidedOn'],
  MembershipRemoved: ['decidedOn'],
  MemberProfileFiled: ['filedOn'],
  DossierTransferred: ['toBranchId', 'transferredOn'],
  MembershipEnded: ['endedOn'],
  CandidateWithdrawn: ['withdrawnOn'],
};

const BREACH_FIELDS = ['obligation', 'dueOn', 'breachedOn', 'workingDaysLate'];
const WITHDRAWAL_FIELDS = ['obligation', 'dueOn', 'withdrawnOn', 'reason'];

/** The named fields of `data` it has (a `null` kept: in a correction's changes it removes the field). */
function pick(data: object, fields: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  // Only the named fields are read: a store opens a sealed personal part when it is first read.
  for (const field of fields) {
    const value: unknown = Reflect.get(data, field);
    if (value !== undefined) picked[field] = value;
  }
  return picked;
}

/** A correction cut to the fields it changes that obligations read; `undefined` when it changes none. */
function correctionFor(data: StepCorrected['data']): Record<string, unknown> | undefined {
  const fields = OBLIGATION_FIELDS[data.targetType];
  if (fields === undefined) return undefined;
  const changes = pick(data.changes, fields);
  const ruled = fields.includes('ruleSet');
  if (Object.keys(changes).length === 0 && !ruled) return undefined;
  return {
    eventId: data.eventId,
    targetType: data.targetType,
    changes,
    personal: null,
    correctedOn: data.correctedOn,
    ...(ruled && data.targetRuleSet !== undefined && { targetRuleSet: data.targetRuleSet }),
  };
}

/**
 * The event cut to what a dossier's obligations, branch and closing date are derived from, `undefined`
 * when it bears on none of them: its type, its id (a correction targets a step by it) and the fields
 * `obligationsOf` reads. Folded with `evolve`, these events give a state whose obligations, branch and
 * closing date are those of the whole dossier, in a fraction of its memory (a read model keeps
 * thousands of dossiers folded). Such a state serves nothing else: it never decides a command or
 * shows a step. The personal part is never read (a store may open it only when it is read).
 */
export function obligationEventOf(e: RecordedDossierEvent): RecordedDossierEvent | undefined {
  const { type, eventId } = e;
  let data: Record<string, unknown> | undefined;
  switch (type) {
    case 'StepCorrected':
      data = correctionFor(e.data);
      break;
    case 'DeadlineBreached':
      data = pick(e.data, BREACH_FIELDS);
      break;
    case 'DeadlineBreachWithdrawn':
      data = pick(e.data, WITHDRAWAL_FIELDS);
      break;
    case 'PersonalDataErased':
      break;
    default: {
      const fields = OBLIGATION_FIELDS[type];
      if (fields !== undefined) data = pick(e.data, fields);
    }
  }
  return data && cutRecord({ type, eventId }, data);
}
