import { DomainError } from '../../errors/domain-error';
import { compareDates } from '../../time/local-date';
import type { DecideContext } from '../context';
import { ruleSetFor } from '../context';
import type {
  CandidateWithdrawn,
  MembershipRemoved,
  RecognitionDecided,
  RecognitionResolutionAdopted,
  RecognitionResolutionFailed,
  RecognitionReviewFailed,
  RecognitionReviewed,
} from '../events';
import { checkDecidedBy } from '../rules/authority.rule';
import { STEP_ORDER } from '../rules/order.rule';
import { checkVoteCount } from '../rules/votes.rule';
import type { DossierState } from '../state';
import { checkDated } from './preparation.check';
import { checkVoteOutcome } from './resolutions.check';

/**
 * Step 14, the branch review for recognition (xét công nhận đảng viên chính thức): dated after the
 * 12 months of probation end, adopted by 2/3 of the official members "as for admission" (Party
 * Charter Art. 5.2; QĐ 24-QĐ/TW 4.2.1). A vote below 2/3 is recorded as a fact
 * (`RecognitionReviewFailed`); probation goes on and the branch may meet again.
 */
export function checkRecognitionReview(
  event: RecognitionReviewed | RecognitionReviewFailed,
  d: DossierState,
  ctx: DecideContext,
): void {
  const data = event.data;
  STEP_ORDER['recognition-review'](d);
  checkDated(data.meetingOn, 'meetingOn', d, ctx);
  const end = d.probationEndsOn as string;
  if (compareDates(data.meetingOn, end) <= 0) {
    const figures = { probationEndsOn: end, meetingOn: data.meetingOn };
    throw new DomainError('RESOLUTION_BEFORE_PROBATION_END', figures, figures);
  }
  checkVoteCount(data.votesFor, data.officialMembers, 'officialMembers');
  const { parameters } = ruleSetFor(data.meetingOn, ctx);
  checkVoteOutcome(
    event.type === 'RecognitionReviewed',
    data.votesFor,
    data.officialMembers,
    parameters.voteThreshold,
    'branch-review',
  );
}

/**
 * Step 15, the base committee's resolution on recognition (nghị quyết đảng ủy, 15-KNĐ): after the
 * branch review, before the decision, adopted by 2/3 of the committee members ([unconfirmed], as for
 * step 10). A failed vote is recorded (`RecognitionResolutionFailed`), the committee may vote again.
 */
export function checkRecognitionResolution(
  event: RecognitionResolutionAdopted | RecognitionResolutionFailed,
  d: DossierState,
  ctx: DecideContext,
): void {
  const data = event.data;
  STEP_ORDER['recognition-resolution'](d);
  checkDated(data.adoptedOn, 'adoptedOn', d, ctx);
  checkVoteCount(data.votesFor, data.committeeMembers, 'committeeMembers');
  const { parameters } = ruleSetFor(data.adoptedOn, ctx);
  const adopted = event.type === 'RecognitionResolutionAdopted';
  checkVoteOutcome(adopted, data.votesFor, data.committeeMembers, parameters.committeeVoteThreshold, 'party-committee');
}

/** Step 16, recognition as an official member or removal from the list (xóa tên), by the competent authority. */
export function checkRecognitionDecision(
  data: (RecognitionDecided | MembershipRemoved)['data'],
  d: DossierState,
  ctx: DecideContext,
): void {
  STEP_ORDER['recognition-decision'](d);
  checkDated(data.decidedOn, 'decidedOn', d, ctx);
  checkDecidedBy(data, d, ctx);
}

/** A candidate may leave the procedure until the ceremony; after it, the removal procedure applies. */
export function checkWithdrawal(data: CandidateWithdrawn['data'], d: DossierState, ctx: DecideContext): void {
  STEP_ORDER.withdrawal(d);
  checkDated(data.withdrawnOn, 'withdrawnOn', d, ctx);
}
