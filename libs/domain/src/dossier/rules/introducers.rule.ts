import { DomainError } from '../../errors/domain-error';
import type { RuleParameters } from '../../rules/rule-sets';
import { compareDates, fullMonths, fullYears, type LocalDate } from '../../time/local-date';
import type { CandidatePersonal, Introducer } from '../commands';
import type { IntroducerPath } from '../events';

/** Which path of the Party Charter Art. 4 a pair of introducers follows. */
export function introducerPath(introducers: readonly Introducer[]): IntroducerPath {
  const executive = introducers.find((i) => i.kind !== 'member');
  return executive === undefined ? 'two-members' : (executive.kind as Exclude<IntroducerPath, 'two-members'>);
}

function notEligible(message: string, details: Record<string, unknown>): never {
  throw new DomainError('INTRODUCER_NOT_ELIGIBLE', message, details);
}

/**
 * An introducing member (người giới thiệu) is an official member on the day of the introduction who
 * has worked, studied or lived with the candidate for at least 12 months (Party Charter Art. 4;
 * QĐ 24/294-QĐ/TW 3.2.1).
 */
function checkMember(introducer: Introducer, index: number, recordedOn: LocalDate, p: RuleParameters): void {
  const who = `Introducer ${index + 1}`;
  const { officialSince, knownSince } = introducer;
  if (officialSince === undefined || compareDates(officialSince, recordedOn) > 0) {
    notEligible(`${who} must be an official party member on ${recordedOn} (record the date of becoming official).`, {
      index,
      officialSince,
    });
  }
  if (
    knownSince === undefined ||
    compareDates(knownSince, recordedOn) > 0 ||
    fullMonths(knownSince, recordedOn) < p.introducerAcquaintanceMonths
  ) {
    notEligible(
      `${who} must have worked, studied or lived with the candidate for at least ${p.introducerAcquaintanceMonths} months before ${recordedOn}.`,
      { index, knownSince },
    );
  }
}

/**
 * Who may introduce (Party Charter Art. 4): two official members; or, for a candidate of youth age
 * (độ tuổi thanh niên, 16–30: Luật Thanh niên 2020 Art. 1) who is a Youth Union member, the Youth
 * Union base executive and one official member; or the trade-union base executive and one official
 * member. Other mass organisations cannot introduce. Returns the path followed.
 */
export function checkIntroducers(
  introducers: readonly Introducer[],
  recordedOn: LocalDate,
  candidate: CandidatePersonal,
  p: RuleParameters,
): IntroducerPath {
  const members = introducers.filter((i) => i.kind === 'member');
  if (introducers.length !== 2 || members.length === 0) {
    notEligible(
      'Record exactly two introducers: two official members, or a Youth Union or trade-union executive and one official member.',
      {
        kinds: introducers.map((i) => i.kind),
      },
    );
  }
  introducers.forEach((i, index) => i.kind === 'member' && checkMember(i, index, recordedOn, p));
  const path = introducerPath(introducers);
  if (path === 'youth-union') {
    const age = fullYears(candidate.birthDate, recordedOn);
    if (age > p.youthMaxAgeYears || candidate.youthUnionMember === false) {
      notEligible(
        `The Youth Union executive may introduce only a Youth Union member of youth age (up to ${p.youthMaxAgeYears}); the candidate is ${age}${candidate.youthUnionMember === false ? ' and not a Youth Union member' : ''}.`,
        { age, youthUnionMember: candidate.youthUnionMember },
      );
    }
  }
  return path;
}
