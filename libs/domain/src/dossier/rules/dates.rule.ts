import { DomainError } from '../../errors/domain-error';
import { compareDates, type LocalDate } from '../../time/local-date';

/** A legal date is the day the thing happened: it cannot be later than today (Asia/Ho_Chi_Minh). */
export function notInFuture(date: LocalDate, field: string, today: LocalDate): void {
  if (compareDates(date, today) > 0) {
    const figures = { field, date, today };
    throw new DomainError('DATE_IN_FUTURE', figures, figures);
  }
}

/** What a date is compared with: the previous step, or a named earlier date of the same step. */
export type PreviousDate =
  | 'previous-step'
  | 'nomination'
  | 'failed-branch-vote'
  | 'decision'
  | 'decision-period-start'
  | 'decision-received'
  | 'admission-decision'
  | 'committee-resolution'
  | 'ceremony';

/** DOMAIN.md §2: the steps follow one another, so a step cannot be dated before the previous one. */
export function notBefore(
  date: LocalDate,
  field: string,
  previous: LocalDate | undefined,
  previousStep: PreviousDate,
): void {
  if (previous !== undefined && compareDates(date, previous) < 0) {
    throw new DomainError(
      'DATE_BEFORE_PREVIOUS_STEP',
      { date, field, previous, previousStep: { key: `previous.${previousStep}` } },
      { field, date, previous },
    );
  }
}
