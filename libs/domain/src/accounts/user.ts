import type { Message } from '../dossier/commands';
import type { Role } from './roles';

/**
 * Usernames name accounts in their stream (`user-<username>`) and in the `sub` claim of their tokens:
 * lowercase letters, digits, `.`, `_` and `-`, 1 to 64 characters, starting and ending with a letter or
 * a digit.
 */
export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

export const isUsername = (value: unknown): value is string =>
  typeof value === 'string' && USERNAME_PATTERN.test(value);

/** The longest display name of a user. */
export const USER_NAME_MAX = 200;
/** The most units a user may act for. */
export const USER_UNITS_MAX = 50;

/** What a user is, as the admin records it (tài khoản người dùng). */
export interface UserProfile {
  username: string;
  name: string;
  role: Role;
  /** Units the user acts for: the `units` claim of the tokens the user gets at login. */
  units: string[];
}

/**
 * Create the user, or replace its profile (`PUT /users/{username}`, `ketnap user add`). A password hash
 * (never the password: hashing is not the domain's) is required to create; given for an existing user,
 * it replaces the one recorded.
 */
export type RecordUser = Message<
  'RecordUser',
  { username: string; name: string; role: string; units: string[]; passwordHash?: string }
>;
/** Stop the user's login and every token naming the user (`POST /users/{username}/disable`). */
export type DisableUser = Message<'DisableUser', { username: string }>;

export type UserCommand = RecordUser | DisableUser;

export type UserRegistered = Message<'UserRegistered', UserProfile & { passwordHash: string }>;
export type UserUpdated = Message<'UserUpdated', UserProfile>;
export type UserPasswordChanged = Message<'UserPasswordChanged', { passwordHash: string }>;
export type UserDisabled = Message<'UserDisabled', { username: string }>;

export type UserEvent = UserRegistered | UserUpdated | UserPasswordChanged | UserDisabled;
export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES: readonly UserEventType[] = [
  'UserRegistered',
  'UserUpdated',
  'UserPasswordChanged',
  'UserDisabled',
];

/** A user's stream folded: `none` before registration; a disabled user stays disabled. */
export interface UserState {
  status: 'none' | 'active' | 'disabled';
  profile?: UserProfile;
  passwordHash?: string;
}

export const initialUser = (): UserState => ({ status: 'none' });
