import type { OrgUnit } from '../plan/org-unit';
import { userStreamId, usernameOfStream } from '../streams';
import { AccountError } from './account-error';
import { decideUser, evolveUser, type UserContext } from './decide-user';
import { passwordError } from './password-rules';
import { initialUser, type RecordUser, type UserCommand, type UserEvent } from './user';

const UNITS: Record<string, OrgUnit> = {
  'dong-tien': { unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' },
  'lang-gia': { unitId: 'lang-gia', name: 'Chi bộ Làng Gia', kind: 'branch', parentId: 'dong-tien' },
  'doan-tn': { unitId: 'doan-tn', name: 'Đoàn Thanh niên', kind: 'mass-org', parentId: 'dong-tien' },
};
const context: UserContext = { units: (id) => UNITS[id] };

const lan = { username: 'lan', name: 'Nguyễn Thị Lan', role: 'secretary' as const, units: ['lang-gia'] };
const registered: UserEvent = { type: 'UserRegistered', data: { ...lan, passwordHash: 'scrypt$h1' } };
const disabled: UserEvent = { type: 'UserDisabled', data: { username: 'lan' } };

const record = (data: Partial<RecordUser['data']> = {}): RecordUser => ({
  type: 'RecordUser',
  data: { ...lan, ...data },
});
const given = (...events: UserEvent[]) => events.reduce(evolveUser, initialUser());
const when = (command: UserCommand, ...events: UserEvent[]) => decideUser(command, given(...events), context);
const refusal = (run: () => unknown): { code: string; fields?: string[] } | undefined => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    const errors = error.details?.errors as { field: string }[] | undefined;
    return { code: error.code, ...(errors && { fields: errors.map((e) => e.field) }) };
  }
  return undefined;
};

describe('the user decider', () => {
  it('registers a new user with its password hash, in a stream of its own', () => {
    expect(when(record({ passwordHash: 'scrypt$h1' }))).toEqual([registered]);
    expect(given(registered)).toEqual({ status: 'active', profile: lan, passwordHash: 'scrypt$h1' });
    expect(usernameOfStream(userStreamId('lan'))).toBe('lan');
    expect(usernameOfStream('units')).toBeUndefined();
  });

  it('records only what changed of an existing user, and nothing when nothing did', () => {
    expect(when(record(), registered)).toEqual([]);
    expect(when(record({ passwordHash: 'scrypt$h1' }), registered)).toEqual([]);
    expect(when(record({ name: 'Lan', units: ['lang-gia'] }), registered)).toEqual([
      { type: 'UserUpdated', data: { ...lan, name: 'Lan' } },
    ]);
    expect(when(record({ passwordHash: 'scrypt$h2' }), registered)).toEqual([
      { type: 'UserPasswordChanged', data: { passwordHash: 'scrypt$h2' } },
    ]);
    const promoted = { role: 'office', units: ['dong-tien'], passwordHash: 'scrypt$h3' };
    const events = when(record(promoted), registered);
    expect(events.map((e) => e.type)).toEqual(['UserUpdated', 'UserPasswordChanged']);
    expect(given(registered, ...events)).toMatchObject({
      status: 'active',
      profile: { role: 'office', units: ['dong-tien'] },
      passwordHash: 'scrypt$h3',
    });
  });

  it('disables a user once; a disabled user stays disabled when its profile changes', () => {
    expect(when({ type: 'DisableUser', data: { username: 'lan' } }, registered)).toEqual([disabled]);
    expect(when({ type: 'DisableUser', data: { username: 'lan' } }, registered, disabled)).toEqual([]);
    const renamed = when(record({ name: 'Lan' }), registered, disabled);
    expect(given(registered, disabled, ...renamed).status).toBe('disabled');
  });

  it.each([
    ['create a user without a password', record(), [], { code: 'INVALID_COMMAND', fields: ['password'] }],
    [
      'take a malformed username, an empty name, an unknown role and a unit id that is not one',
      record({ username: 'Lan Nguyễn', name: ' ', role: 'chief', units: ['Làng Gia'], passwordHash: 'h' }),
      [],
      { code: 'INVALID_COMMAND', fields: ['username', 'name', 'role', 'units.0'] },
    ],
    [
      'name a unit twice',
      record({ units: ['lang-gia', 'lang-gia'] }),
      [registered],
      { code: 'INVALID_COMMAND', fields: ['units'] },
    ],
    ['name a unit the catalog lacks', record({ units: ['xa-khac'] }), [registered], { code: 'UNKNOWN_UNIT' }],
    [
      'give a secretary a unit that is not a branch',
      record({ units: ['doan-tn'], passwordHash: 'h' }),
      [],
      { code: 'UNKNOWN_UNIT' },
    ],
    [
      'disable a user that does not exist',
      { type: 'DisableUser', data: { username: 'lan' } },
      [],
      { code: 'USER_NOT_FOUND' },
    ],
  ] as Array<[string, UserCommand, UserEvent[], { code: string; fields?: string[] }]>)(
    'refuses to %s',
    (_, command, events, expected) => {
      const state = given(...events);
      const before = JSON.stringify(state);
      expect(refusal(() => decideUser(command, state, context))).toEqual(expected);
      expect(JSON.stringify(state)).toBe(before);
    },
  );

  it('names the unit and the kinds the role takes when a unit does not fit', () => {
    expect(() => when(record({ units: ['doan-tn'], passwordHash: 'h' }))).toThrow(
      'a secretary user may only be given units of the kinds branch; doan-tn does not fit: it is a mass-org.',
    );
  });
});

describe('the password rules', () => {
  it('take 8 to 128 characters that are not only spaces and not the username', () => {
    expect(passwordError('mật khẩu dài')).toBeUndefined();
    expect(passwordError('correct horse', 'lan')).toBeUndefined();
    expect(passwordError(undefined)).toMatchObject({ field: 'password', key: 'field.required' });
    expect(passwordError('short')).toMatchObject({
      field: 'password',
      message: 'must be 8 to 128 characters long, not only spaces',
    });
    expect(passwordError('         ')).toMatchObject({ key: 'field.password' });
    expect(passwordError('x'.repeat(129))).toMatchObject({ key: 'field.password' });
    expect(passwordError('nguyenlan', 'NguyenLan')).toMatchObject({ key: 'field.password-username' });
  });
});
