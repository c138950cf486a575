import { LEGAL_DATE_FIELD, type LocalDate, type StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';

/** The legal date of a step event (its `LEGAL_DATE_FIELD`). */
export function stepDateOf(event: EventEnvelope): LocalDate | undefined {
  const field = (LEGAL_DATE_FIELD as Record<string, string>)[event.type];
  const value = field === undefined ? undefined : (event.data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** What a correction says about fields of the step it targets: the new value, or `undefined` when unchanged. */
export function correctedField<T = string>(correction: StepCorrected['data'], field: string): T | null | undefined {
  return Object.prototype.hasOwnProperty.call(correction.changes, field)
    ? ((correction.changes[field] ?? null) as T | null)
    : undefined;
}

/** The corrected legal date of the targeted step, when the correction changes it. */
export function correctedStepDate(correction: StepCorrected['data']): LocalDate | undefined {
  const value = correctedField(correction, LEGAL_DATE_FIELD[correction.targetType]);
  return typeof value === 'string' ? value : undefined;
}
