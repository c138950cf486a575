import { DomainError } from '../../errors/domain-error';
import { compareDates, type LocalDate } from '../../time/local-date';

/** A legal date is the day the thing happened: it cannot be later than today (Asia/Ho_Chi_Minh). */
export function notInFuture(date: LocalDate, field: string, today: LocalDate): void {
  if (compareDates(date, today) > 0) {
    throw new DomainError(
      'DATE_IN_FUTURE',
      `The date ${date} (${field}) is after today, ${today}. Record a step once it has happened.`,
      {
        field,
        date,
        today,
      },
    );
  }
}

/** DOMAIN.md §2: the steps follow one another, so a step cannot be dated before the previous one. */
export function notBefore(date: LocalDate, field: string, previous: LocalDate | undefined, previousStep: string): void {
  if (previous !== undefined && compareDates(date, previous) < 0) {
    throw new DomainError(
      'DATE_BEFORE_PREVIOUS_STEP',
      `The date ${date} (${field}) is before the ${previousStep} of ${previous}; check the date.`,
      { field, date, previous },
    );
  }
}
