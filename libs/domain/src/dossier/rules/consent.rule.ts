import { DomainError } from '../../errors/domain-error';
import { compareDates, type LocalDate } from '../../time/local-date';
import type { ConsentGround, ProvincialConsent } from '../commands';

/**
 * Whether a recorded provincial consent allows `ground`: a consent that names its grounds covers
 * those only; one that names none covers every ground (it is a letter about this candidate).
 */
export const consentCovers = (consent: ProvincialConsent | undefined, ground: ConsentGround): boolean =>
  consent !== undefined && (consent.grounds === undefined || consent.grounds.includes(ground));

/**
 * QĐ 24-QĐ/TW 3.1 (QĐ 294 the same): the provincial standing committee's consent is a condition of
 * admitting a candidate over 60 or with literacy-only education, so it cannot be dated after the
 * admission decision it allows.
 */
export function checkConsentBeforeDecision(consent: ProvincialConsent | undefined, decidedOn: LocalDate): void {
  if (consent !== undefined && compareDates(consent.givenOn, decidedOn) > 0) {
    const figures = { givenOn: consent.givenOn, documentNo: consent.documentNo, decidedOn };
    throw new DomainError('CONSENT_AFTER_DECISION', figures, figures);
  }
}
