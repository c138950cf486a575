import { CodedError } from '../errors/coded-error';

/**
 * The codes of the refusals of a command on a user: a malformed command (`INVALID_COMMAND`, every
 * invalid field listed), a unit the catalog does not hold with a kind fitting the role
 * (`UNKNOWN_UNIT`), a user that does not exist (`USER_NOT_FOUND`).
 */
export const ACCOUNT_ERROR_CODES = ['INVALID_COMMAND', 'UNKNOWN_UNIT', 'USER_NOT_FOUND'] as const;

export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

/** A command on a user that the user's state, the catalog or the command's data forbids. */
export class AccountError extends CodedError<AccountErrorCode> {
  override readonly name = 'AccountError';
}
