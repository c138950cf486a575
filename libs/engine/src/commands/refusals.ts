import { ConcurrencyError } from '@ketnap/event-store';

/** One invalid field of a request, as problem+json lists it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What kind of refusal: the request is malformed (`invalid`), the actor may not (`forbidden`), the
 * resource does not exist (`not-found`), it changed or the request repeats another (`conflict`), or
 * the engine's state forbids it (`unprocessable`). The HTTP edge maps each kind to one status; the
 * CLI prints the message.
 */
export type RefusalKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable';

/** A request the application refuses, with a stable `code` clients switch on and a message for people. */
export class RequestError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The actor's role or units do not allow the request (`FORBIDDEN`). */
export class AccessDeniedError extends RequestError {
  constructor(message: string) {
    super('forbidden', 'FORBIDDEN', message);
  }
}

/** The `Idempotency-Key` was first used for another request (another resource or kind of command). */
export class IdempotencyKeyReusedError extends RequestError {
  constructor() {
    super(
      'conflict',
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for another request; use a new key for a new request',
    );
  }
}

/**
 * The one conflict error of a write: the resource is not at the version the sender named, or a
 * concurrent writer kept winning. A {@link ConcurrencyError} (`VERSION_CONFLICT`) that names the
 * resource as people know it (`unit lang-gia`, whose version is its own, not its stream's).
 */
export class VersionConflictError extends ConcurrencyError {
  constructor(
    streamId: string,
    readonly resource: string,
    expected: number,
    actual: number | null,
  ) {
    super(streamId, expected, actual);
    this.name = 'VersionConflictError';
    this.message =
      actual === null
        ? `${resource} does not exist yet, not at version ${expected}: reload it and try again`
        : `${resource} is at version ${actual}, not ${expected}: reload it and try again`;
  }
}
