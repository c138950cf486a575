import type { Actor } from '@ketnap/event-store';
import { InvalidWriteConditionError } from './request-error';

/**
 * What every write carries besides its body: who sends it, the correlation id of the request, and
 * the client's conditions: `If-Match` (the version it saw) and `Idempotency-Key` (safe resend).
 */
export interface WriteContext {
  actor: Actor;
  correlationId: string;
  ifMatch?: number;
  idempotencyKey?: string;
}

type Header = string | string[] | undefined;

const single = (name: string, value: Header): string | undefined => {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new InvalidWriteConditionError(name, 'must be given once');
    return value[0];
  }
  return value;
};

/**
 * `If-Match: 3` or `If-Match: "3"` (an ETag) → 3; absent → `undefined`.
 * @throws InvalidWriteConditionError (400) for anything else.
 */
export function parseIfMatch(value: Header): number | undefined {
  const text = single('If-Match', value)?.trim();
  if (text === undefined || text === '') return undefined;
  const match = /^(?:"(\d{1,15})"|(\d{1,15}))$/.exec(text);
  if (!match)
    throw new InvalidWriteConditionError(
      'If-Match',
      'must be the version number the client last saw, such as 3 or "3"',
    );
  return Number(match[1] ?? match[2]);
}

/**
 * `Idempotency-Key`: 1 to 128 visible ASCII characters; absent → `undefined`.
 * @throws InvalidWriteConditionError (400) for anything else.
 */
export function parseIdempotencyKey(value: Header): string | undefined {
  const text = single('Idempotency-Key', value);
  if (text === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,128}$/.test(text))
    throw new InvalidWriteConditionError(
      'Idempotency-Key',
      'must be 1 to 128 visible ASCII characters (a UUID is a good key)',
    );
  return text;
}

/**
 * The store's `commandId` for a write: the client's key, scoped to the actor so two clients never share
 * a key, and to a `part` when one request appends to several streams. `undefined` without a key.
 */
export function commandIdOf(context: WriteContext, part?: string): string | undefined {
  if (context.idempotencyKey === undefined) return undefined;
  return `idem:${context.actor.sub.length}:${context.actor.sub}:${context.idempotencyKey}${part ? `#${part}` : ''}`;
}
