import type { AccountErrorCode } from '../accounts/account-error';
import type { MessageText } from './message-text';

/** Messages of the refusals of a command on a user account (tài khoản người dùng). */
export const ACCOUNT_MESSAGES = {
  'INVALID_COMMAND.user': { vi: 'Tài khoản không hợp lệ: {fields}.', en: 'invalid user: {fields}' },
  'UNKNOWN_UNIT.user': {
    vi: 'Người dùng vai trò {role} chỉ được gắn với đơn vị loại {kinds}; {unitId} không phù hợp: {why}.',
    en: 'a {role} user may only be given units of the kinds {kinds}; {unitId} does not fit: {why}.',
  },
  USER_NOT_FOUND: { vi: 'Không có người dùng {username}.', en: 'no user {username}' },
} as const satisfies Record<
  Exclude<AccountErrorCode, 'INVALID_COMMAND' | 'UNKNOWN_UNIT'> | `${AccountErrorCode}.${string}`,
  MessageText
>;
