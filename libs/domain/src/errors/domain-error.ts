import type { RuleCode } from '../rules/rule-codes';
import { CodedError } from './coded-error';

/**
 * A procedure rule forbids the command. `code` is stable (clients switch on it, the HTTP layer maps
 * it to 422, `INVALID_COMMAND` to 400, `DOSSIER_NOT_FOUND` to 404, `DOSSIER_ALREADY_EXISTS` to 409);
 * `message` is written for a commune secretary; `details` carries the figures behind the refusal.
 */
export class DomainError extends CodedError<RuleCode> {
  override readonly name = 'DomainError';
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
