import { exhaustive } from '../dossier/exhaustive';
import { fieldError, type FieldError } from '../messages/field-error';
import { isUnitId, whyUnitMisfits, type UnitDirectory } from '../plan/org-unit';
import { AccountError } from './account-error';
import { ROLES, ROLE_UNIT_KINDS, isRole, type Role } from './roles';
import {
  USER_NAME_MAX,
  USER_UNITS_MAX,
  isUsername,
  type DisableUser,
  type RecordUser,
  type UserEvent,
  type UserProfile,
  type UserState,
} from './user';

/** What deciding a command on a user needs besides its stream: the unit catalog as it is now. */
export interface UserContext {
  units: UnitDirectory;
}

/** Every malformed field of a user's record, each with its message. */
function fieldErrorsOf(data: RecordUser['data'], creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (!isUsername(data.username)) errors.push(fieldError('username', 'field.username'));
  const { name } = data;
  if (typeof name !== 'string' || name.trim() === '' || name.length > USER_NAME_MAX)
    errors.push(
      name === undefined
        ? fieldError('name', 'field.required')
        : fieldError('name', 'field.text-length', { max: USER_NAME_MAX }),
    );
  if (!isRole(data.role)) errors.push(fieldError('role', 'field.one-of', { values: [...ROLES] }));
  if (!Array.isArray(data.units)) errors.push(fieldError('units', 'field.list'));
  else if (data.units.length > USER_UNITS_MAX)
    errors.push(fieldError('units', 'field.list-max', { max: USER_UNITS_MAX }));
  else if (new Set(data.units).size !== data.units.length) errors.push(fieldError('units', 'field.unique'));
  else data.units.forEach((unit, i) => isUnitId(unit) || errors.push(fieldError(`units.${i}`, 'field.unit-id')));
  if (creating && data.passwordHash === undefined) errors.push(fieldError('password', 'field.required'));
  return errors;
}

/** API.md "Access": a unit a user is given must be in the catalog, of a kind the role acts for. */
function checkUnits(role: Role, units: readonly string[], directory: UnitDirectory): void {
  const kinds = ROLE_UNIT_KINDS[role];
  for (const unitId of units) {
    const found = directory(unitId)?.kind;
    if (found === undefined || !kinds.includes(found))
      throw new AccountError(
        'UNKNOWN_UNIT.user',
        { unitId, role, kinds: [...kinds], why: whyUnitMisfits(found) },
        { field: 'units', unitId, ...(found && { kind: found }) },
      );
  }
}

const sameProfile = (a: UserProfile, b: UserProfile): boolean =>
  a.name === b.name && a.role === b.role && a.units.join('\n') === b.units.join('\n');

/** Creates the user (with its password hash), or records what changed of its profile and password. */
function record({ data }: RecordUser, state: UserState, context: UserContext): UserEvent[] {
  const creating = state.status === 'none';
  const errors = fieldErrorsOf(data, creating);
  if (errors.length > 0)
    throw new AccountError('INVALID_COMMAND.user', { fields: errors.map((e) => e.field) }, { errors });
  const role = data.role as Role;
  checkUnits(role, data.units, context.units);
  const profile: UserProfile = { username: data.username, name: data.name, role, units: [...data.units] };
  if (creating) return [{ type: 'UserRegistered', data: { ...profile, passwordHash: data.passwordHash! } }];
  const events: UserEvent[] = [];
  if (!sameProfile(state.profile!, profile)) events.push({ type: 'UserUpdated', data: profile });
  if (data.passwordHash !== undefined && data.passwordHash !== state.passwordHash)
    events.push({ type: 'UserPasswordChanged', data: { passwordHash: data.passwordHash } });
  return events;
}

/** A disabled user stays so: disabling again records nothing. */
function disable({ data }: DisableUser, state: UserState): UserEvent[] {
  if (state.status === 'none') throw new AccountError('USER_NOT_FOUND', { username: data.username });
  if (state.status === 'disabled') return [];
  return [{ type: 'UserDisabled', data: { username: data.username } }];
}

/** The events a command records on a user's stream, or an {@link AccountError}. Pure. */
export function decideUser(command: RecordUser | DisableUser, state: UserState, context: UserContext): UserEvent[] {
  switch (command.type) {
    case 'RecordUser':
      return record(command, state, context);
    case 'DisableUser':
      return disable(command, state);
    default:
      return exhaustive(command, []);
  }
}

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered': {
      const { passwordHash, ...profile } = event.data;
      return { status: 'active', profile, passwordHash };
    }
    case 'UserUpdated':
      return { ...state, profile: event.data };
    case 'UserPasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'UserDisabled':
      return { ...state, status: 'disabled' };
    default:
      return exhaustive(event, state);
  }
}
