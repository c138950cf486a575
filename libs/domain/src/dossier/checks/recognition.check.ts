import { DomainError } from '../../errors/domain-error';
import { compareDates } from '../../time/local-date';
import type { DecideContext } from '../context';
import { ruleSetFor } from '../context';
import type { CandidateWithdrawn, MembershipRemoved, RecognitionDecided, RecognitionReviewed } from '../events';
import { checkDecidedBy } from '../rules/authority.rule';
import { requireStep } from '../rules/order.rule';
import { checkThreshold, checkVoteCount } from '../rules/votes.rule';
import type { DossierState } from '../state';
import { checkDated } from './preparation.check';

/**
 * Step 14, the branch review for recognition (xét công nhận đảng viên chính thức): dated after the
 * 12 months of probation end, adopted by 2/3 of the official members "as for admission" (Party
 * Charter Art. 5.2; QĐ 24-QĐ/TW 4.2.1). A vote below 2/3 is refused (422), nothing is recorded.
 */
export function checkRecognitionReview(data: RecognitionReviewed['data'], d: DossierState, ctx: DecideContext): void {
  requireStep(d.ceremony !== undefined, 'STEP_OUT_OF_ORDER.ceremony-first', d);
  requireStep(d.recognitionReview === undefined, 'STEP_OUT_OF_ORDER.review-recorded', d);
  checkDated(data.meetingOn, 'meetingOn', d, ctx);
  const end = d.probationEndsOn as string;
  if (compareDates(data.meetingOn, end) <= 0) {
    const figures = { probationEndsOn: end, meetingOn: data.meetingOn };
    throw new DomainError('RESOLUTION_BEFORE_PROBATION_END', figures, figures);
  }
  checkVoteCount(data.votesFor, data.officialMembers, 'officialMembers');
  checkThreshold(
    data.votesFor,
    data.officialMembers,
    ruleSetFor(data.meetingOn, ctx).parameters.voteThreshold,
    'branch-review',
  );
}

/** Step 16, recognition as an official member or removal from the list (xóa tên), by the competent authority. */
export function checkRecognitionDecision(
  data: (RecognitionDecided | MembershipRemoved)['data'],
  d: DossierState,
  ctx: DecideContext,
): void {
  requireStep(d.recognitionReview !== undefined, 'STEP_OUT_OF_ORDER.review-first', d);
  checkDated(data.decidedOn, 'decidedOn', d, ctx);
  checkDecidedBy(data, d, ctx);
}

/** A candidate may leave the procedure until the ceremony; after it, the removal procedure applies. */
export function checkWithdrawal(data: CandidateWithdrawn['data'], d: DossierState, ctx: DecideContext): void {
  requireStep(d.ceremony === undefined, 'STEP_OUT_OF_ORDER.withdrawal-after-ceremony', d);
  checkDated(data.withdrawnOn, 'withdrawnOn', d, ctx);
}
