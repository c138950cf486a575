import { DomainError } from '../../errors/domain-error';
import type { KeyOfCode } from '../../messages/catalogue';
import type { MessageParams } from '../../messages/message-text';
import type { RuleParameters } from '../../rules/rule-sets';
import { compareDates, fullMonths, fullYears, type LocalDate } from '../../time/local-date';
import type { CandidatePersonal } from '../commands';
import type { IntroducerFacts, IntroducerPath } from '../events';

/** Which path of the Party Charter Art. 4 a pair of introducers follows. */
export function introducerPath(introducers: readonly IntroducerFacts[]): IntroducerPath {
  const executive = introducers.find((i) => i.kind !== 'member');
  return executive === undefined ? 'two-members' : (executive.kind as Exclude<IntroducerPath, 'two-members'>);
}

function notEligible(
  key: KeyOfCode<'INTRODUCER_NOT_ELIGIBLE'>,
  params: MessageParams,
  details: Record<string, unknown>,
): never {
  throw new DomainError(key, params, details);
}

/**
 * An introducing member (người giới thiệu) is an official member on the day of the introduction who
 * has worked, studied or lived with the candidate for at least 12 months (Party Charter Art. 4;
 * QĐ 24/294-QĐ/TW 3.2.1).
 */
function checkMember(introducer: IntroducerFacts, index: number, recordedOn: LocalDate, p: RuleParameters): void {
  const { officialSince, knownSince } = introducer;
  if (officialSince === undefined || compareDates(officialSince, recordedOn) > 0) {
    notEligible('INTRODUCER_NOT_ELIGIBLE.not-official', { number: index + 1, recordedOn }, { index, officialSince });
  }
  if (
    knownSince === undefined ||
    compareDates(knownSince, recordedOn) > 0 ||
    fullMonths(knownSince, recordedOn) < p.introducerAcquaintanceMonths
  ) {
    notEligible(
      'INTRODUCER_NOT_ELIGIBLE.acquaintance',
      { number: index + 1, months: p.introducerAcquaintanceMonths, recordedOn },
      { index, knownSince },
    );
  }
}

/**
 * Party Charter Art. 4; QĐ 24/294-QĐ/TW 3.2.2 [section number unverified]: a Youth Union member of
 * youth age is introduced by the Youth Union base executive and one official member; two official
 * members only where no Youth Union base organisation exists (`noYouthUnionBase`, recorded on the
 * step). The trade-union path stays open to every candidate.
 */
function checkYouthUnionRoute(
  path: IntroducerPath,
  age: number,
  candidate: CandidatePersonal,
  p: RuleParameters,
  noYouthUnionBase: boolean,
): void {
  if (path === 'youth-union' && noYouthUnionBase)
    notEligible('INTRODUCER_NOT_ELIGIBLE.youth-union-absent', {}, { path, noYouthUnionBase });
  const youthMember = candidate.youthUnionMember === true && age <= p.youthMaxAgeYears;
  if (path === 'two-members' && youthMember && !noYouthUnionBase) {
    notEligible(
      'INTRODUCER_NOT_ELIGIBLE.youth-union-route',
      { age, maxAge: p.youthMaxAgeYears },
      { path, age, youthUnionMember: true, noYouthUnionBase: false },
    );
  }
}

/**
 * Who may introduce (Party Charter Art. 4): two official members; or, for a candidate of youth age
 * (độ tuổi thanh niên, 16–30: Luật Thanh niên 2020 Art. 1) who is a Youth Union member, the Youth
 * Union base executive and one official member (required for such a candidate where a Youth Union
 * base organisation exists); or the trade-union base executive and one official member. Other mass
 * organisations cannot introduce. Returns the path followed.
 */
export function checkIntroducers(
  introducers: readonly IntroducerFacts[],
  recordedOn: LocalDate,
  candidate: CandidatePersonal,
  p: RuleParameters,
  noYouthUnionBase = false,
): IntroducerPath {
  const members = introducers.filter((i) => i.kind === 'member');
  if (introducers.length !== 2 || members.length === 0) {
    notEligible('INTRODUCER_NOT_ELIGIBLE.pair', {}, { kinds: introducers.map((i) => i.kind) });
  }
  introducers.forEach((i, index) => i.kind === 'member' && checkMember(i, index, recordedOn, p));
  const path = introducerPath(introducers);
  const age = fullYears(candidate.birthDate, recordedOn);
  checkYouthUnionRoute(path, age, candidate, p, noYouthUnionBase);
  if (path === 'youth-union') {
    if (age > p.youthMaxAgeYears || candidate.youthUnionMember === false) {
      notEligible(
        candidate.youthUnionMember === false
          ? 'INTRODUCER_NOT_ELIGIBLE.youth-not-member'
          : 'INTRODUCER_NOT_ELIGIBLE.youth',
        { maxAge: p.youthMaxAgeYears, age },
        { age, youthUnionMember: candidate.youthUnionMember },
      );
    }
  }
  return path;
}
