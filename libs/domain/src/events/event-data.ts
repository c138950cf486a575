/**
 * Reading and replacing fields of an event's data by name, where the name is only known at run time
 * (a legal date by `LEGAL_DATE_FIELD`, the fields a correction changes): the one place that treats
 * typed data as a record of fields.
 */

/** The value of a field of an event's data, `undefined` when there is none: callers check its type. */
export function fieldOf(event: { data: unknown }, field: string): unknown {
  const { data } = event;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
}

/** The fields of an event's data, as a fresh record. */
export const fieldsOf = (event: { data: object }): Record<string, unknown> => ({ ...event.data });

/**
 * The event with its data replaced by `data`, of the same type: a step whose fields a correction
 * replaced, its shape checked where the correction is decided.
 */
export const withData = <E extends { type: string; data: object }>(event: E, data: Record<string, unknown>): E =>
  ({ type: event.type, data }) as unknown as E;
