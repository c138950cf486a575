import { DomainError } from '../../errors/domain-error';
import type { KeyOfCode } from '../../messages/catalogue';
import type { MessageParams } from '../../messages/message-text';
import type { DerivedDossier } from '../state';
import type { StepName } from '../steps';

/** DOMAIN.md §2: each step needs the one before it (hồ sơ đi đúng trình tự). */
export function requireStep(
  ok: boolean,
  key: KeyOfCode<'STEP_OUT_OF_ORDER'>,
  d: DerivedDossier,
  params?: MessageParams,
): void {
  if (!ok) throw new DomainError(key, params, { stage: d.stage });
}

/** The steps that may be recorded again until the branch proposes admission. */
export type RepeatableStep = 'helper-assignment' | 'training' | 'background' | 'introducers' | 'opinions';

/** Preparation steps may be recorded again (new helper, new certificate, renewal) until the branch proposes admission. */
export function beforeBranchProposal(d: DerivedDossier, step: RepeatableStep): void {
  requireStep(d.branchResolution === undefined, 'STEP_OUT_OF_ORDER.after-branch-proposal', d, {
    step: { key: `step.${step}` },
  });
}

/** The introducers and the branch resolution need a passed verification (a failed one blocks them). */
export function requireBackgroundPassed(d: DerivedDossier): void {
  if (d.background?.outcome === 'failed') {
    const figures = { completedOn: d.background.completedOn };
    throw new DomainError('BACKGROUND_CHECK_FAILED', figures, figures);
  }
}

const admissionPending = (d: DerivedDossier) => d.branchResolution !== undefined && d.admission === undefined;
const recognitionPending = (d: DerivedDossier) =>
  d.recognitionReview !== undefined && d.recognitionDecision === undefined;

/**
 * Which steps may follow which (DOMAIN.md §2 and README "Choices"), once: each step's function throws
 * the `DomainError` that refuses it out of order, given the dossier before it. The step's checks call
 * it, and `nextSteps` asks it which steps a dossier may take next; dates, votes and the other rules
 * of the step itself stay in its check.
 */
export const STEP_ORDER: Readonly<Record<Exclude<StepName, 'correction'>, (d: DerivedDossier) => void>> = {
  'helper-assigned': (d) => beforeBranchProposal(d, 'helper-assignment'),
  'training-completed': (d) => {
    requireStep(d.helpers !== undefined, 'STEP_OUT_OF_ORDER.helpers-first', d);
    beforeBranchProposal(d, 'training');
  },
  'application-submitted': (d) => {
    requireStep(d.training !== undefined, 'STEP_OUT_OF_ORDER.training-first', d);
    requireStep(d.application === undefined, 'STEP_OUT_OF_ORDER.application-recorded', d);
  },
  'background-verified': (d) => {
    requireStep(d.application !== undefined, 'STEP_OUT_OF_ORDER.application-first', d);
    beforeBranchProposal(d, 'background');
  },
  'introducers-recorded': (d) => {
    requireStep(d.background !== undefined, 'STEP_OUT_OF_ORDER.background-first', d);
    requireBackgroundPassed(d);
    beforeBranchProposal(d, 'introducers');
  },
  'opinions-collected': (d) => {
    requireStep(d.introducers !== undefined, 'STEP_OUT_OF_ORDER.introducers-first', d);
    beforeBranchProposal(d, 'opinions');
  },
  'branch-resolution': (d) => {
    requireStep(d.opinions !== undefined, 'STEP_OUT_OF_ORDER.opinions-first', d);
    requireStep(d.branchResolution === undefined, 'STEP_OUT_OF_ORDER.branch-resolution-recorded', d);
    requireBackgroundPassed(d);
  },
  'committee-resolution': (d) => {
    requireStep(d.branchResolution !== undefined, 'STEP_OUT_OF_ORDER.branch-resolution-first', d);
    requireStep(d.committeeResolution === undefined, 'STEP_OUT_OF_ORDER.committee-resolution-recorded', d);
  },
  'admission-decision': (d) => {
    requireStep(d.committeeResolution !== undefined, 'STEP_OUT_OF_ORDER.committee-resolution-first', d);
    requireStep(d.admission === undefined, 'STEP_OUT_OF_ORDER.admission-recorded', d);
  },
  'decision-deadline-extended': (d) =>
    requireStep(admissionPending(d) || recognitionPending(d), 'STEP_OUT_OF_ORDER.no-decision-pending', d),
  ceremony: (d) => {
    requireStep(d.admission?.outcome === 'admitted', 'STEP_OUT_OF_ORDER.admission-first', d);
    requireStep(d.ceremony === undefined, 'STEP_OUT_OF_ORDER.ceremony-recorded', d);
  },
  'ceremony-delay-approved': (d) =>
    requireStep(d.admission?.outcome === 'admitted' && d.ceremony === undefined, 'STEP_OUT_OF_ORDER.delay-window', d),
  'recognition-review': (d) => {
    requireStep(d.ceremony !== undefined, 'STEP_OUT_OF_ORDER.ceremony-first', d);
    requireStep(d.recognitionReview === undefined, 'STEP_OUT_OF_ORDER.review-recorded', d);
  },
  'recognition-resolution': (d) => {
    requireStep(d.recognitionReview !== undefined, 'STEP_OUT_OF_ORDER.review-first-resolution', d);
    requireStep(d.recognitionResolution === undefined, 'STEP_OUT_OF_ORDER.recognition-resolution-recorded', d);
  },
  'recognition-decision': (d) => {
    requireStep(d.recognitionReview !== undefined, 'STEP_OUT_OF_ORDER.review-first', d);
    requireStep(d.recognitionResolution !== undefined, 'STEP_OUT_OF_ORDER.recognition-resolution-first', d);
  },
  'probation-helper-assigned': (d) => requireStep(d.ceremony !== undefined, 'STEP_OUT_OF_ORDER.probation-only', d),
  'member-profile-filed': (d) => {
    requireStep(d.ceremony !== undefined, 'STEP_OUT_OF_ORDER.probation-only', d);
    requireStep(d.memberProfile === undefined, 'STEP_OUT_OF_ORDER.member-profile-recorded', d);
  },
  'new-member-class-completed': (d) => {
    requireStep(d.ceremony !== undefined, 'STEP_OUT_OF_ORDER.probation-only', d);
    requireStep(d.newMemberClass === undefined, 'STEP_OUT_OF_ORDER.new-member-class-recorded', d);
  },
  transferred: () => undefined,
  'membership-ended': (d) => requireStep(d.ceremony !== undefined, 'STEP_OUT_OF_ORDER.probation-only', d),
  withdrawal: (d) => requireStep(d.ceremony === undefined, 'STEP_OUT_OF_ORDER.withdrawal-after-ceremony', d),
};
