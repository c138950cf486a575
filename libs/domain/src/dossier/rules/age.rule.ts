import { DomainError } from '../../errors/domain-error';
import type { RuleParameters } from '../../rules/rule-sets';
import { fullMonths, type LocalDate } from '../../time/local-date';
import type { ProvincialConsent } from '../commands';
import { consentCovers } from './consent.rule';

/**
 * Age (tuổi đời) on the branch meeting date: from 18 full years (Party Charter Art. 1.2) to 60 full
 * years counted in months (QĐ 24-QĐ/TW 3.1); over 60 only with the written consent of the provincial
 * standing committee (a consent that names its grounds must name `age`). "Counted in months": 60 years and 0 months is still 60; one more month is over.
 */
export function checkAge(
  birthDate: LocalDate,
  meetingOn: LocalDate,
  p: RuleParameters,
  consent?: ProvincialConsent,
): void {
  const months = fullMonths(birthDate, meetingOn);
  const age = { years: Math.floor(months / 12), months: ((months % 12) + 12) % 12, meetingOn };
  if (months < p.minAgeYears * 12) {
    throw new DomainError(
      'AGE_OUT_OF_RANGE.too-young',
      { ...age, minAgeYears: p.minAgeYears },
      {
        ageMonths: months,
        meetingOn,
      },
    );
  }
  if (months > p.maxAgeYears * 12 && !consentCovers(consent, 'age')) {
    throw new DomainError(
      consent ? 'AGE_OUT_OF_RANGE.consent-grounds' : 'AGE_OUT_OF_RANGE.consent-required',
      { ...age, maxAgeYears: p.maxAgeYears, documentNo: consent?.documentNo },
      { ageMonths: months, meetingOn, consentRequired: true, ...(consent && { consentGrounds: consent.grounds }) },
    );
  }
}
