import { fieldError, type FieldMessageKey } from '@ketnap/domain';
import { ProblemException } from '../problem/problem';

type Header = string | string[] | undefined;

/** A malformed `If-Match` or `Idempotency-Key` header: 400 `INVALID_HEADER`, naming it. */
export const invalidHeader = (header: string, key: FieldMessageKey) =>
  new ProblemException(400, 'INVALID_HEADER', { header, reason: { key } }, { errors: [fieldError(header, key)] });

const single = (name: string, value: Header): string | undefined => {
  if (Array.isArray(value)) {
    if (value.length > 1) throw invalidHeader(name, 'field.header-once');
    return value[0];
  }
  return value;
};

/**
 * `If-Match: 3` or `If-Match: "3"` (an ETag) → 3; absent → `undefined`.
 * @throws ProblemException (400) for anything else.
 */
export function parseIfMatch(value: Header): number | undefined {
  const text = single('If-Match', value)?.trim();
  if (text === undefined || text === '') return undefined;
  const match = /^(?:"(\d{1,15})"|(\d{1,15}))$/.exec(text);
  if (!match) throw invalidHeader('If-Match', 'field.if-match');
  return Number(match[1] ?? match[2]);
}

/**
 * `Idempotency-Key`: 1 to 128 visible ASCII characters; absent → `undefined`.
 * @throws ProblemException (400) for anything else.
 */
export function parseIdempotencyKey(value: Header): string | undefined {
  const text = single('Idempotency-Key', value);
  if (text === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(text)) throw invalidHeader('Idempotency-Key', 'field.idempotency-key');
  return text;
}
