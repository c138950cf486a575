import { MemoryEventStore } from '@ketnap/event-store';
import { TokenService } from '../auth/token.service';
import { verifyToken } from '../auth/jwt';
import type { CommandContext } from '../commands/command-context';
import { RecordUnitHandler } from '../units/record-unit.handler';
import { RecordUnitCommand } from '../units/record-unit.command';
import { UnitsReader } from '../units/units.reader';
import { LoginService } from './login.service';
import { UserAccounts } from './user-accounts';

const SECRET = 'accounts-test-secret-0123456789abcdef';
const admin: CommandContext = { actor: { sub: 'admin-1', role: 'admin', unitIds: [] }, correlationId: 'c-1' };
const lan = { name: 'Nguyễn Thị Lan', role: 'secretary', units: ['lang-gia'], password: 'mật khẩu của Lan' };

describe('UserAccounts and LoginService', () => {
  // scrypt is slow on purpose (32 MiB and about 50 ms a hash idle; seconds on a loaded machine).
  jest.setTimeout(30_000);
  let store: MemoryEventStore;
  let accounts: UserAccounts;
  let login: LoginService;

  beforeEach(async () => {
    store = new MemoryEventStore();
    const units = new RecordUnitHandler(store);
    await units.execute(
      new RecordUnitCommand({ unitId: 'dong-tien', name: 'Đồng Tiến', kind: 'party-committee' }, admin),
    );
    await units.execute(
      new RecordUnitCommand({ unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', parentId: 'dong-tien' }, admin),
    );
    accounts = new UserAccounts(store, new UnitsReader(store));
    const config = { authSecret: SECRET, dataDir: '/nonexistent', authMaxTtlSeconds: 3600 } as never;
    login = new LoginService(accounts, new TokenService(config), config);
  });

  it('stores the user in its own stream with a scrypt hash, and records nothing for the same password again', async () => {
    expect(await accounts.record('lan', lan, admin)).toEqual({
      username: 'lan',
      name: lan.name,
      role: 'secretary',
      units: ['lang-gia'],
      disabled: false,
      version: 1,
    });
    const [registered] = await store.readStream('user-lan');
    expect(registered).toMatchObject({ type: 'UserRegistered', metadata: { actor: { sub: 'admin-1' } } });
    expect(JSON.stringify(registered.data)).not.toContain(lan.password);
    expect((registered.data as { passwordHash: string }).passwordHash).toMatch(/^scrypt\$/);
    const head = await store.headPosition();
    expect(await accounts.record('lan', lan, admin)).toMatchObject({ version: 1 });
    expect(await store.headPosition()).toBe(head);
    expect(await accounts.record('lan', { ...lan, password: 'một mật khẩu mới' }, admin)).toMatchObject({ version: 2 });
  });

  it('logs in with the password: a token of the user, valid for at most AUTH_MAX_TTL', async () => {
    await accounts.record('lan', lan, admin);
    const result = await login.login('lan', lan.password);
    expect(result?.user).toEqual({ username: 'lan', name: lan.name, role: 'secretary', units: ['lang-gia'] });
    const claims = await verifyToken(new TextEncoder().encode(SECRET), result!.token);
    expect(claims).toEqual({ sub: 'lan', name: lan.name, role: 'secretary', units: ['lang-gia'] });
    expect(new Date(result!.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(await login.login('lan', 'not the password')).toBeUndefined();
    expect(await login.login('nobody', lan.password)).toBeUndefined();
    expect(await login.login('Lan Nguyễn', lan.password)).toBeUndefined();
  });

  it('disables a user: no login, and its subject is refused; other subjects are not', async () => {
    await accounts.record('lan', lan, admin);
    expect(await accounts.isDisabled('lan')).toBe(false);
    expect(await accounts.disable('lan', admin)).toMatchObject({ disabled: true, version: 2 });
    expect(await accounts.isDisabled('lan')).toBe(true);
    expect(await login.login('lan', lan.password)).toBeUndefined();
    expect(await accounts.isDisabled('script')).toBe(false);
    expect(await accounts.isDisabled('not a username')).toBe(false);
  });

  it('refuses a weak password, a unit-scoped role without units, and a non-admin, appending nothing', async () => {
    const head = await store.headPosition();
    await expect(accounts.record('lan', { ...lan, password: 'short' }, admin)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'password' })],
    });
    await expect(accounts.record('lan', { ...lan, password: 'lan' }, admin)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(accounts.record('lan', { ...lan, units: [] }, admin)).rejects.toMatchObject({
      errors: [expect.objectContaining({ field: 'units' })],
    });
    const office: CommandContext = { actor: { sub: 'o', role: 'office', unitIds: ['dong-tien'] } };
    await expect(accounts.record('lan', lan, office)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(accounts.disable('lan', admin)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    expect(await store.headPosition()).toBe(head);
  });
});
