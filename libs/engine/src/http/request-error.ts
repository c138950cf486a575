/** One invalid field of a request, as problem+json lists it. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A request the engine refuses for a reason the HTTP edge answers with `status` (a 4xx) and a
 * stable `code`; the CLI prints its message.
 */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422 | 429,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The actor's role or units do not allow the request (403, `FORBIDDEN`). */
export class AccessDeniedError extends RequestError {
  constructor(message: string) {
    super(403, 'FORBIDDEN', message);
  }
}

/** `If-Match` named another version than the resource's (409). */
export class VersionConflictError extends RequestError {
  constructor(
    readonly resource: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      409,
      'VERSION_CONFLICT',
      `${resource} is at version ${actual}, not ${expected} (If-Match): reload it and try again`,
    );
  }
}

/** The `Idempotency-Key` was first used for another request (another resource) (409). */
export class IdempotencyKeyReusedError extends RequestError {
  constructor() {
    super(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for another request; use a new key for a new request',
    );
  }
}

/** A malformed `If-Match` or `Idempotency-Key` header (400). */
export class InvalidWriteConditionError extends RequestError {
  constructor(header: string, message: string) {
    super(400, 'INVALID_HEADER', `${header} ${message}`, [{ field: header, message }]);
  }
}
