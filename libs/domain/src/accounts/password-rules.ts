import { fieldError, type FieldError } from '../messages/field-error';

/** The shortest password accepted: long enough to resist guessing, short enough to type. */
export const PASSWORD_MIN = 8;
/** The longest: hashing cost grows with the input, and nobody types more. */
export const PASSWORD_MAX = 128;

/**
 * Why a password is refused, as the field error of `password`, or `undefined` when it is accepted: 8 to
 * 128 characters, not only spaces, not the username itself.
 */
export function passwordError(password: unknown, username?: string): FieldError | undefined {
  if (password === undefined || password === null || password === '') return fieldError('password', 'field.required');
  const text = typeof password === 'string' ? password : '';
  const length = [...text].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX || text.trim() === '')
    return fieldError('password', 'field.password', { min: PASSWORD_MIN, max: PASSWORD_MAX });
  if (username !== undefined && text.toLowerCase() === username.toLowerCase())
    return fieldError('password', 'field.password-username');
  return undefined;
}
