export * from './roles';
export * from './user';
export { ACCOUNT_ERROR_CODES, AccountError, type AccountErrorCode } from './account-error';
export { PASSWORD_MAX, PASSWORD_MIN, passwordError } from './password-rules';
export { decideUser, evolveUser, type UserContext } from './decide-user';
