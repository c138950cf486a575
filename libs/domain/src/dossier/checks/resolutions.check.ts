import { DomainError } from '../../errors/domain-error';
import { meetsThreshold, type Ratio } from '../../rules/rule-sets';
import type { DecideContext } from '../context';
import { ruleSetFor, todayOf } from '../context';
import type {
  BranchResolutionAdopted,
  BranchVoteFailed,
  CommitteeResolutionAdopted,
  CommitteeVoteFailed,
} from '../events';
import { checkAge } from '../rules/age.rule';
import { checkCertificate } from '../rules/certificate.rule';
import { checkEducation } from '../rules/education.rule';
import { notBefore, notInFuture } from '../rules/dates.rule';
import { checkFreshness } from '../rules/freshness.rule';
import { candidateFacts } from '../decide/erase-personal';
import { STEP_ORDER } from '../rules/order.rule';
import { checkThreshold, checkVoteCount } from '../rules/votes.rule';
import type { DossierState } from '../state';
import { checkDated } from './preparation.check';

/**
 * Step 9, the branch resolution proposing admission (nghị quyết chi bộ, 6-KNĐ), adopted or failed:
 * the dossier must be complete and fresh, the candidate 18 to 60 on the meeting date (over 60 with
 * provincial consent), of lower-secondary education (below it with provincial consent) and the
 * certificate still valid. Whether the vote reached 2/3 decides which of
 * the two events it is; a failed vote is recorded, not refused.
 */
export function checkBranchVote(
  event: BranchResolutionAdopted | BranchVoteFailed,
  d: DossierState,
  ctx: DecideContext,
): void {
  const data = event.data;
  STEP_ORDER['branch-resolution'](d);
  checkDated(data.meetingOn, 'meetingOn', d, ctx);
  checkVoteCount(data.votesFor, data.officialMembers, 'officialMembers');
  const { parameters } = ruleSetFor(data.meetingOn, ctx);
  if (data.provincialConsent) notInFuture(data.provincialConsent.givenOn, 'provincialConsent.givenOn', todayOf(ctx));
  const candidate = candidateFacts(d);
  checkAge(candidate.birthDate, data.meetingOn, parameters, data.provincialConsent);
  checkEducation(candidate.educationLevel, parameters, data.provincialConsent);
  if (d.training) checkCertificate(d.training.issuedOn, data.meetingOn, parameters);
  checkFreshness(d, data.meetingOn, parameters);
  checkVoteOutcome(
    event.type === 'BranchResolutionAdopted',
    data.votesFor,
    data.officialMembers,
    parameters.voteThreshold,
    'branch',
  );
}

/**
 * A vote is recorded as adopted or as failed by whether it reached the threshold; a correction cannot
 * make an adopted vote fail, nor a failed one pass (the kind of event stays what it was).
 */
export function checkVoteOutcome(
  adopted: boolean,
  votesFor: number,
  members: number,
  threshold: Ratio,
  body: 'branch' | 'branch-review' | 'party-committee',
): void {
  if (adopted) checkThreshold(votesFor, members, threshold, body);
  else if (meetsThreshold(votesFor, members, threshold)) {
    throw new DomainError('CORRECTION_NOT_ALLOWED.failed-vote-passes', {}, { votesFor });
  }
}

/**
 * Step 10, the base committee resolution (nghị quyết đảng ủy cơ sở, 8-KNĐ), adopted or failed: a vote
 * below 2/3 of the committee members is recorded as a fact (`CommitteeVoteFailed`), the dossier
 * stays `proposed` and the committee may vote again.
 */
export function checkCommittee(
  event: CommitteeResolutionAdopted | CommitteeVoteFailed,
  d: DossierState,
  ctx: DecideContext,
): void {
  const data = event.data;
  STEP_ORDER['committee-resolution'](d);
  checkDated(data.adoptedOn, 'adoptedOn', d, ctx);
  if (data.submittedOn !== undefined) {
    notInFuture(data.submittedOn, 'submittedOn', todayOf(ctx));
    notBefore(data.submittedOn, 'submittedOn', data.adoptedOn, 'committee-resolution');
  }
  checkVoteCount(data.votesFor, data.committeeMembers, 'committeeMembers');
  const { parameters } = ruleSetFor(data.adoptedOn, ctx);
  const adopted = event.type === 'CommitteeResolutionAdopted';
  checkVoteOutcome(adopted, data.votesFor, data.committeeMembers, parameters.committeeVoteThreshold, 'party-committee');
}
