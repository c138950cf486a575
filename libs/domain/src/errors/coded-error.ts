/**
 * A refusal with a stable `code` (clients switch on it), a `message` written for people and the
 * `details` behind it. Each vocabulary of codes is a subclass with its own `name`, which is how the
 * HTTP edge and the CLI tell them apart.
 */
export abstract class CodedError<C extends string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
