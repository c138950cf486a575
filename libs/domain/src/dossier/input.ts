import { DomainError } from '../errors/domain-error';
import { fieldError, type FieldError, type FieldMessageKey } from '../messages/field-error';
import type { MessageParams } from '../messages/message-text';
import { UNIT_ID_PATTERN } from '../plan/org-unit';
import { isLocalDate } from '../time/local-date';
import { LIST_LIMIT, TEXT_LIMITS } from './limits';

export type { FieldError };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the shape of a command's data, collecting every invalid field (like a 400 answer), and
 * keeps a copy of the known fields only (`out`): nothing unexpected reaches an event.
 */
export class Fields {
  readonly out: Record<string, unknown> = {};

  constructor(
    private readonly data: Record<string, unknown>,
    private readonly errors: FieldError[],
    private readonly prefix = '',
  ) {}

  private value(field: string, optional: boolean): unknown {
    const value = this.data[field];
    if (value === undefined && !optional) this.fail(field, 'field.required');
    if (value !== undefined) this.out[field] = value;
    return value;
  }

  private fail(field: string, key: FieldMessageKey, params?: MessageParams): void {
    this.errors.push(fieldError(`${this.prefix}${field}`, key, params));
  }

  date(field: string, optional = false): void {
    const value = this.value(field, optional);
    if (value !== undefined && !isLocalDate(value)) this.fail(field, 'field.date');
  }

  /** A line of text, kept trimmed and in Unicode NFC (as the HTTP edge keeps it), at most `max` characters. */
  text(field: string, optional = false, max: number = TEXT_LIMITS.name): void {
    const value = this.value(field, optional);
    if (value === undefined) return;
    if (typeof value !== 'string' || value.trim() === '') return this.fail(field, 'field.text');
    const clean = value.trim().normalize('NFC');
    if (clean.length > max) return this.fail(field, 'field.max-length', { max });
    this.out[field] = clean;
  }

  /** A unit id (lowercase letters, digits and dashes); whether the unit exists is a rule of its own. */
  unitId(field: string, optional = false): void {
    const value = this.value(field, optional);
    if (value !== undefined && (typeof value !== 'string' || !UNIT_ID_PATTERN.test(value))) {
      this.fail(field, 'field.unit-id');
    }
  }

  int(field: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
    const value = this.value(field, false);
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(field, 'field.integer');
    else if (value < min || value > max)
      this.fail(field, max === Number.MAX_SAFE_INTEGER ? 'field.integer-min' : 'field.integer-range', { min, max });
  }

  /** A number up to `max`; whether it is whole and not negative is the vote rule's to say. */
  number(field: string, max = Number.MAX_SAFE_INTEGER): void {
    const value = this.value(field, false);
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'field.number');
    else if (value > max) this.fail(field, 'field.number-max', { max });
  }

  oneOf(field: string, values: readonly string[], optional = false): void {
    const value = this.value(field, optional);
    if (value !== undefined && !values.includes(value as string)) this.fail(field, 'field.one-of', { values });
  }

  /** A non-empty list of distinct values, each one of `values`. */
  choices(field: string, values: readonly string[], optional = false): void {
    const value = this.value(field, optional);
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length === 0) return this.fail(field, 'field.non-empty-list');
    if (value.length > values.length) return this.fail(field, 'field.list-max', { max: values.length });
    value.forEach((item, i) => {
      if (!values.includes(item as string)) this.fail(`${field}[${i}]`, 'field.one-of', { values });
      else if (value.indexOf(item) !== i) this.fail(`${field}[${i}]`, 'field.unique');
    });
  }

  bool(field: string): void {
    const value = this.value(field, true);
    if (value !== undefined && typeof value !== 'boolean') this.fail(field, 'field.boolean');
  }

  object(field: string, check: (f: Fields) => void, optional = false): void {
    const value = this.value(field, optional);
    if (value === undefined) return;
    if (!isRecord(value)) return this.fail(field, 'field.object');
    const nested = new Fields(value, this.errors, `${this.prefix}${field}.`);
    check(nested);
    this.out[field] = nested.out;
  }

  /** An object kept as given (its fields are checked elsewhere). */
  record(field: string): void {
    const value = this.value(field, false);
    if (value !== undefined && !isRecord(value)) this.fail(field, 'field.object');
  }

  list(field: string, check: (f: Fields) => void): void {
    const value = this.value(field, false);
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length === 0) return this.fail(field, 'field.non-empty-list');
    if (value.length > LIST_LIMIT) return this.fail(field, 'field.list-max', { max: LIST_LIMIT });
    this.out[field] = value.map((item, i) => {
      if (!isRecord(item)) return this.fail(`${field}[${i}]`, 'field.object');
      const nested = new Fields(item, this.errors, `${this.prefix}${field}[${i}].`);
      check(nested);
      return nested.out;
    });
  }
}

/** The known fields of `data`; throws `INVALID_COMMAND` listing every invalid field. */
export function checkFields<T>(data: unknown, check: (f: Fields) => void): T {
  const errors: FieldError[] = [];
  const fields = new Fields(isRecord(data) ? data : {}, errors);
  if (!isRecord(data)) errors.push(fieldError('data', 'field.object'));
  else check(fields);
  if (errors.length > 0) {
    throw new DomainError('INVALID_COMMAND', { fields: errors.map((e) => e.field) }, { errors });
  }
  return fields.out as T;
}
