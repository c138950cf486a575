import {
  codeOfKey,
  englishOf,
  type FieldError,
  type KeyOfCode,
  type Localizable,
  type MessageKey,
  type MessageParams,
  type MessageRef,
  type RequestCode,
} from '@ketnap/domain';
import { ConcurrencyError } from '@ketnap/event-store';

export type { FieldError };

/**
 * What kind of refusal: the request is malformed (`invalid`), the actor may not (`forbidden`), the
 * resource does not exist (`not-found`), it changed or the request repeats another (`conflict`), or
 * the engine's state forbids it (`unprocessable`). The HTTP edge maps each kind to one status; the
 * CLI prints the message.
 */
export type RefusalKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable';

/** A catalogue key of a code the application refuses with (`FORBIDDEN.units-read-dossier`). */
export type RequestKey = KeyOfCode<RequestCode>;

/**
 * A request the application refuses, with a stable `code` clients switch on and a message for people:
 * a catalogue key of the code and its parameters, rendered in the reader's language where it is shown
 * (`message` is the English rendering, for logs).
 */
export class RequestError extends Error implements Localizable {
  readonly code: RequestCode;
  readonly messageKey: MessageKey;

  constructor(
    readonly kind: RefusalKind,
    key: RequestKey,
    readonly messageParams: MessageParams = {},
    readonly errors?: FieldError[],
  ) {
    super(englishOf(key, messageParams));
    this.name = new.target.name;
    this.code = codeOfKey<RequestCode>(key);
    this.messageKey = key;
  }
}

/** The actor's role or units do not allow the request (`FORBIDDEN`). */
export class AccessDeniedError extends RequestError {
  constructor(key: KeyOfCode<'FORBIDDEN'>, params: MessageParams = {}) {
    super('forbidden', key, params);
  }
}

/** The `Idempotency-Key` was first used for another request (another resource or kind of command). */
export class IdempotencyKeyReusedError extends RequestError {
  constructor() {
    super('conflict', 'IDEMPOTENCY_KEY_REUSED');
  }
}

/**
 * The one conflict error of a write: the resource is not at the version the sender named, or a
 * concurrent writer kept winning. A {@link ConcurrencyError} (`VERSION_CONFLICT`) that names the
 * resource as people know it (`unit lang-gia`, whose version is its own, not its stream's).
 */
export class VersionConflictError extends ConcurrencyError implements Localizable {
  readonly messageKey: MessageKey;
  readonly messageParams: MessageParams;

  constructor(
    streamId: string,
    readonly resource: MessageRef,
    expected: number,
    actual: number | null,
  ) {
    super(streamId, expected, actual);
    this.name = 'VersionConflictError';
    this.messageKey = actual === null ? 'VERSION_CONFLICT.not-yet' : 'VERSION_CONFLICT.at-version';
    this.messageParams = { resource, expected: String(expected), actual: String(actual) };
    this.message = englishOf(this.messageKey, this.messageParams);
  }
}
