import { DomainError } from '../../errors/domain-error';
import type { RuleParameters } from '../../rules/rule-sets';
import { addMonths, compareDates, type LocalDate } from '../../time/local-date';

/**
 * The last day an awareness-class certificate (giấy chứng nhận bồi dưỡng nhận thức về Đảng) is
 * valid: 60 months from its issue (HD 01-HD/TW 2021; HD 06-HD/TW 2025 5.4), the period ending on the
 * same calendar day (BLDS 2015 Art. 147–148).
 */
export const certificateValidUntil = (issuedOn: LocalDate, p: RuleParameters): LocalDate =>
  addMonths(issuedOn, p.certificateValidityMonths);

/** The certificate must still be valid on the branch meeting date. */
export function checkCertificate(issuedOn: LocalDate, meetingOn: LocalDate, p: RuleParameters): void {
  const validUntil = certificateValidUntil(issuedOn, p);
  if (compareDates(meetingOn, validUntil) > 0) {
    const figures = { issuedOn, validUntil, meetingOn };
    throw new DomainError('CERTIFICATE_EXPIRED', figures, figures);
  }
}
