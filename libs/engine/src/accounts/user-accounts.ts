import { Inject, Injectable } from '@nestjs/common';
import {
  decideUser,
  evolveUser,
  fieldError,
  initialUser,
  isUserEvent,
  isUsername,
  isRole,
  passwordError,
  userStreamId,
  type FieldError,
  type UserCommand,
  type UnitDirectory,
  type UserState,
} from '@ketnap/domain';
import { EVENT_STORE, type DecodedEnvelope, type EventStore } from '@ketnap/event-store';
import { authorizeCatalogWrite } from '../auth/catalog-access';
import { needsUnits } from '../auth/permissions';
import type { CommandContext } from '../commands/command-context';
import { foldStream, runCommand, type StreamFold } from '../commands/command-pipeline';
import { RequestError } from '../commands/refusals';
import { LruStateCache } from '../commands/state-cache';
import { UnitsReader } from '../units/units.reader';
import type { UserRow } from '@ketnap/projections';
import { hashPassword, verifyPassword } from './password-hash';

/** A user as the API answers it, the same as the admin's list shows it: never the password hash. */
export type UserView = UserRow;

/** What the admin records of a user (`PUT /users/{username}`, `ketnap user add`). */
export interface UserInput {
  name: string;
  role: string;
  units: string[];
  /** Required to create the user; for an existing one, replaces its password. */
  password?: string;
}

/** Users read on every authenticated request: the folded states of the last ones kept. */
const CACHED_USERS = 10_000;

const invalid = (errors: FieldError[]) =>
  new RequestError('invalid', 'VALIDATION_FAILED', { fields: errors.map((e) => e.field) }, errors);

/**
 * User accounts (API.md "Accounts"), each in its own stream `user-<username>` written through the one
 * command pipeline: the admin records and disables them; login and the authentication of every
 * request read them from the store, so a disabled user's tokens stop working at once.
 */
@Injectable()
export class UserAccounts {
  private readonly fold: StreamFold<UserState> = {
    initialState: initialUser,
    evolve: (state: UserState, e: DecodedEnvelope) => (isUserEvent(e) ? evolveUser(state, e) : state),
    cache: new LruStateCache<UserState>(CACHED_USERS),
  };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitsReader,
  ) {}

  /**
   * Creates the user or replaces its profile; a password given is checked against the rules and stored
   * hashed (scrypt), and the same password as the one stored records nothing.
   */
  async record(username: string, input: UserInput, context: CommandContext): Promise<UserView> {
    authorizeCatalogWrite(context, 'users:write');
    const errors = [
      ...(input.password === undefined ? [] : [passwordError(input.password, username)]),
      ...(isRole(input.role) && needsUnits(input.role) && input.units.length === 0
        ? [fieldError('units', 'field.non-empty-list')]
        : []),
    ].filter((e): e is FieldError => e !== undefined);
    if (errors.length > 0) throw invalid(errors);
    const fresh = input.password === undefined ? undefined : await hashPassword(input.password);
    const catalog = await this.units.catalog();
    return this.write(
      username,
      context,
      async (state) => {
        const same =
          state.passwordHash !== undefined &&
          input.password !== undefined &&
          (await verifyPassword(input.password, state.passwordHash));
        const passwordHash = same ? state.passwordHash : fresh;
        const { name, role, units } = input;
        return {
          type: 'RecordUser',
          data: { username, name, role, units, ...(passwordHash !== undefined && { passwordHash }) },
        };
      },
      (id) => catalog.get(id),
    );
  }

  /** Disables the user: its login and every token naming it are refused from now on. */
  disable(username: string, context: CommandContext): Promise<UserView> {
    authorizeCatalogWrite(context, 'users:write');
    return this.write(
      username,
      context,
      () => ({ type: 'DisableUser', data: { username } }),
      () => undefined,
    );
  }

  /** The user's state as the store holds it now (`none` for a name that is not a username). */
  async state(username: string): Promise<UserState> {
    if (!isUsername(username)) return initialUser();
    return (await foldStream(this.store, userStreamId(username), this.fold)).state;
  }

  /** Whether `sub` (a token's subject) names a disabled user; a subject that is no user is not. */
  async isDisabled(sub: string): Promise<boolean> {
    return (await this.state(sub)).status === 'disabled';
  }

  private async write(
    username: string,
    context: CommandContext,
    commandOf: (state: UserState) => UserCommand | Promise<UserCommand>,
    units: UnitDirectory,
  ): Promise<UserView> {
    if (!isUsername(username)) throw invalid([fieldError('username', 'field.username')]);
    const { result } = await runCommand(
      this.store,
      {
        streamId: userStreamId(username),
        resource: { key: 'resource.user', params: { id: username } },
        ...this.fold,
        decide: async (state) => decideUser(await commandOf(state), state, { units }),
        result: (state, version) => viewOf(state, version),
      },
      context,
    );
    return result;
  }
}

const viewOf = (state: UserState, version: number): UserView => {
  const { username, name, role, units } = state.profile!;
  return { username, name, role, units, disabled: state.status === 'disabled', version };
};
