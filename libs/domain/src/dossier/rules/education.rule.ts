import { DomainError } from '../../errors/domain-error';
import type { RuleParameters } from '../../rules/rule-sets';
import { EDUCATION_LEVELS, type EducationLevel, type ProvincialConsent } from '../commands';
import { consentCovers } from './consent.rule';

const rank = (level: EducationLevel): number => EDUCATION_LEVELS.indexOf(level);

/**
 * Education (trình độ học vấn) on the branch meeting date: at least lower-secondary (tốt nghiệp trung
 * học cơ sở; Party Charter Art. 1; QĐ 24/294-QĐ/TW 3.1 [section number unverified]). Below it, literacy
 * only, needs the written consent of the provincial standing committee (mountainous areas, ethnic
 * minorities).
 */
export function checkEducation(level: EducationLevel, p: RuleParameters, consent?: ProvincialConsent): void {
  if (rank(level) >= rank(p.minEducationLevel) || consentCovers(consent, 'education')) return;
  throw new DomainError(
    consent ? 'EDUCATION_BELOW_MINIMUM.consent-grounds' : 'EDUCATION_BELOW_MINIMUM',
    {
      level: { key: `education.${level}` },
      minimum: { key: `education.${p.minEducationLevel}` },
      documentNo: consent?.documentNo,
    },
    {
      educationLevel: level,
      minEducationLevel: p.minEducationLevel,
      consentRequired: true,
      ...(consent && { consentGrounds: consent.grounds }),
    },
  );
}
