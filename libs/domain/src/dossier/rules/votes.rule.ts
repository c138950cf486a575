import { DomainError } from '../../errors/domain-error';
import { meetsThreshold, type Ratio } from '../../rules/rule-sets';

/** Votes are whole numbers between 0 and the number of members entitled to vote (at least 1). */
export function checkVoteCount(votesFor: number, members: number, membersField: string): void {
  const ok =
    Number.isInteger(votesFor) && Number.isInteger(members) && members >= 1 && votesFor >= 0 && votesFor <= members;
  if (!ok) {
    throw new DomainError('INVALID_VOTE_COUNT', { votesFor, members, membersField }, { votesFor, members });
  }
}

/**
 * A resolution (biểu quyết) needs 2/3 of the members entitled to vote, not of those present (Party Charter Art. 4
 * for the branch, Art. 5.2 for recognition; the base committee per DOMAIN.md step 10 [unconfirmed]).
 */
export function checkThreshold(
  votesFor: number,
  members: number,
  threshold: Ratio,
  body: 'branch' | 'branch-review' | 'party-committee',
): void {
  if (!meetsThreshold(votesFor, members, threshold)) {
    const needed = Math.floor((members * threshold.num + threshold.den - 1) / threshold.den);
    throw new DomainError(
      'VOTE_THRESHOLD_NOT_MET',
      { body: { key: `body.${body}` }, needed, members, num: threshold.num, den: threshold.den, votesFor },
      { votesFor, members, needed },
    );
  }
}
