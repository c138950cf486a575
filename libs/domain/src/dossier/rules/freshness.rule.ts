import { DomainError } from '../../errors/domain-error';
import type { RuleParameters } from '../../rules/rule-sets';
import { addMonths, compareDates, type LocalDate } from '../../time/local-date';
import type { DerivedDossier } from '../state';

/**
 * When the dossier was compiled: the application date, or, once both the introducer letters and the
 * opinions were recorded again (renewed), the earlier of the two renewals.
 */
export function freshnessStart(d: DerivedDossier): LocalDate | undefined {
  if (!d.application) return undefined;
  if (d.renewals.introducers > 0 && d.renewals.opinions > 0 && d.introducers && d.opinions) {
    const a = d.introducers.recordedOn;
    const b = d.opinions.collectedOn;
    return compareDates(a, b) <= 0 ? a : b;
  }
  return d.application.submittedOn;
}

/** HD 01-HD/TW 2021 [partly unconfirmed]: dossier documents (hồ sơ) stay valid 12 months. */
export const freshUntil = (start: LocalDate, p: RuleParameters): LocalDate =>
  addMonths(start, p.dossierFreshnessMonths);

/** At the branch meeting the dossier must be fresh; otherwise introducer letters and opinions are renewed first. */
export function checkFreshness(d: DerivedDossier, meetingOn: LocalDate, p: RuleParameters): void {
  const start = freshnessStart(d);
  if (start === undefined) return;
  const until = freshUntil(start, p);
  if (compareDates(meetingOn, until) > 0) {
    const figures = { compiledOn: start, validUntil: until, meetingOn };
    throw new DomainError('DOSSIER_STALE', figures, figures);
  }
}
