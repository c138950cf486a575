import type { RuleCode } from '../rules/rule-codes';

/**
 * A procedure rule forbids the command. `code` is stable (clients switch on it, the HTTP layer maps
 * it to 422, `INVALID_COMMAND` to 400, `DOSSIER_NOT_FOUND` to 404, `DOSSIER_ALREADY_EXISTS` to 409);
 * `message` is written for a commune secretary; `details` carries the figures behind the refusal.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: RuleCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
