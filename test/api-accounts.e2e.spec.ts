import type { AppProcess } from './support/app-process';
import { runKetnap } from './support/cli-process';
import { e2eStoreEnv } from './support/e2e-store';
import {
  AUTH_SECRET,
  appForSuite,
  call,
  eventCount,
  expectProblem,
  readModelsCaughtUp,
  tokenFor,
  type Answer,
} from './api-support';

const committee = { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' };
const branch = { name: 'Chi bộ Làng Gia', kind: 'branch', parentId: 'dong-tien' };
const lan = { name: 'Nguyễn Thị Lan', role: 'secretary', units: ['lang-gia'], password: 'mật khẩu của Lan' };
/** How the API answers Lan once created: no password, nor its hash. */
const lanView = {
  username: 'lan',
  name: lan.name,
  role: 'secretary',
  units: ['lang-gia'],
  disabled: false,
  version: 1,
};

/** The claims of a JWT, as any client can read them. */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('API accounts: users, login and disable (API.md "Accounts")', () => {
  let app: AppProcess;
  let dataDir: string;
  let admin: string;
  appForSuite({}, (started, dir) => ((app = started), (dataDir = dir)));
  jest.setTimeout(60_000);

  const login = (username: string, password: string): Promise<Answer> =>
    call(app.baseUrl, 'POST', '/api/v1/auth/login', { json: { username, password } });
  const putUser = (username: string, json: unknown, token = admin): Promise<Answer> =>
    call(app.baseUrl, 'PUT', `/api/v1/users/${username}`, { token, json });

  /** The start's log line saying how to create the first admin (printed once the users read model is built). */
  const firstAdminHint = async (): Promise<string[]> => {
    for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const lines = app
        .output()
        .split('\n')
        .filter((line) => line.includes('no user yet'));
      if (lines.length > 0) return lines;
    }
    return [];
  };

  beforeAll(async () => {
    // Before any user exists: the first start says how to create the first admin.
    const hint = await firstAdminHint();
    expect(hint).toHaveLength(1);
    expect(hint[0]).toContain('npx ketnap user add admin --role admin');
    admin = await tokenFor('admin');
    for (const [id, unit] of [
      ['dong-tien', committee],
      ['lang-gia', branch],
    ] as const)
      expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
  });

  it('logs a user in with its password: the token works on a protected route and names the user', async () => {
    const created = await putUser('lan', lan);
    expect(created).toMatchObject({ status: 200 });
    expect(created.body).toEqual(lanView);
    const answer = await login('lan', lan.password);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      user: { username: 'lan', name: lan.name, role: 'secretary', units: ['lang-gia'] },
    });
    const { token, expiresAt } = answer.body;
    expect(claimsOf(token)).toMatchObject({ sub: 'lan', role: 'secretary', units: ['lang-gia'], name: lan.name });
    expect(new Date(expiresAt).getTime()).toBe(claimsOf(token).exp * 1000);
    expect((await call(app.baseUrl, 'GET', '/api/v1/dossiers', { token })).status).toBe(200);
    expectProblem(await call(app.baseUrl, 'PUT', '/api/v1/units/lang-gia', { token, json: branch }), 403, 'FORBIDDEN');
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    await putUser('mai', { ...lan, name: 'Mai', password: 'mật khẩu của Mai' });
    const wrong = await login('mai', 'not her password');
    const unknown = await login('nobody', 'not her password');
    expectProblem(wrong, 401, 'UNAUTHENTICATED');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.detail).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('slows repeated failures down: 429 with Retry-After, even for the right password', async () => {
    await putUser('minh', { ...lan, name: 'Minh', password: 'mật khẩu của Minh' });
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await login('minh', `guess ${attempt}`)).status).toBe(401);
    for (const password of ['guess 6', 'mật khẩu của Minh']) {
      const answer = await login('minh', password);
      expectProblem(answer, 429, 'TOO_MANY_FAILED_AUTHENTICATIONS');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await login('lan', lan.password)).status).toBe(200);
  });

  it('refuses invalid users and logins with every invalid field listed, and appends nothing', async () => {
    const before = await eventCount(app.baseUrl);
    const fields = (answer: Answer) => (answer.body.errors as { field: string }[]).map((e) => e.field);

    const empty = await putUser('hoa', {});
    expectProblem(empty, 400, 'VALIDATION_FAILED');
    expect(fields(empty)).toEqual(['name', 'role', 'units']);

    const badRole = await putUser('hoa', { ...lan, role: 'chief' });
    expectProblem(badRole, 400, 'VALIDATION_FAILED');
    expect(badRole.body.errors).toEqual([{ field: 'role', message: expect.stringContaining('secretary') }]);

    const short = await putUser('hoa', { ...lan, password: 'short' });
    expectProblem(short, 400, 'VALIDATION_FAILED');
    expect(short.body.errors).toEqual([
      { field: 'password', message: 'phải dài từ 8 đến 128 ký tự và không chỉ gồm dấu cách' },
    ]);

    const noPassword = await putUser('hoa', { name: 'Hoa', role: 'secretary', units: ['lang-gia'] });
    expect(noPassword.status).toBe(400);
    expect(fields(noPassword)).toEqual(['password']);

    const noUnits = await putUser('hoa', { ...lan, units: [] });
    expect(noUnits.status).toBe(400);
    expect(fields(noUnits)).toEqual(['units']);

    expectProblem(await putUser('hoa', { ...lan, units: ['xa-khac'] }), 422, 'UNKNOWN_UNIT');
    const wrongKind = await putUser('hoa', { ...lan, units: ['dong-tien'] });
    expectProblem(wrongKind, 422, 'UNKNOWN_UNIT');
    expect(wrongKind.body.detail).toContain('dong-tien');

    expectProblem(await putUser('Hoa Trần', lan), 400, 'VALIDATION_FAILED');
    expectProblem(await call(app.baseUrl, 'POST', '/api/v1/users/nobody/disable', { token: admin }), 404);

    const noLoginPassword = await call(app.baseUrl, 'POST', '/api/v1/auth/login', { json: { username: 'lan' } });
    expectProblem(noLoginPassword, 400, 'VALIDATION_FAILED');
    expect(fields(noLoginPassword)).toEqual(['password']);

    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('lists users without their passwords, to the admin only', async () => {
    await readModelsCaughtUp(app.baseUrl);
    const list = await call(app.baseUrl, 'GET', '/api/v1/users', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.find((u: { username: string }) => u.username === 'lan')).toEqual(lanView);
    expect(list.text).not.toMatch(/scrypt|password|mật khẩu/i);

    const before = await eventCount(app.baseUrl);
    const lanToken = (await login('lan', lan.password)).body.token;
    for (const token of [lanToken, await tokenFor('office', { units: ['dong-tien'] })]) {
      expectProblem(await call(app.baseUrl, 'GET', '/api/v1/users', { token }), 403, 'FORBIDDEN');
      expectProblem(await putUser('lan', { ...lan, role: 'admin', units: [] }, token), 403, 'FORBIDDEN');
      expectProblem(await call(app.baseUrl, 'POST', '/api/v1/users/mai/disable', { token }), 403, 'FORBIDDEN');
    }
    expectProblem(await call(app.baseUrl, 'GET', '/api/v1/users'), 401, 'UNAUTHENTICATED');
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('disables a user: its token fails at once with 401, its login too; CLI tokens keep working', async () => {
    await putUser('hoa', { ...lan, name: 'Hoa', password: 'mật khẩu của Hoa' });
    const token = (await login('hoa', 'mật khẩu của Hoa')).body.token;
    const cliHoa = await tokenFor('secretary', { sub: 'hoa', units: ['lang-gia'] });
    const cliOther = await tokenFor('secretary', { sub: 'script', units: ['lang-gia'] });
    expect((await call(app.baseUrl, 'GET', '/api/v1/dossiers', { token })).status).toBe(200);

    const disabled = await call(app.baseUrl, 'POST', '/api/v1/users/hoa/disable', { token: admin });
    expect(disabled).toMatchObject({ status: 200, body: { username: 'hoa', disabled: true, version: 2 } });

    for (const refused of [token, cliHoa]) {
      const answer = await call(app.baseUrl, 'GET', '/api/v1/dossiers', { token: refused });
      expectProblem(answer, 401, 'UNAUTHENTICATED');
    }
    expect((await login('hoa', 'mật khẩu của Hoa')).body).toEqual((await login('nobody', 'mật khẩu của Hoa')).body);
    expect((await call(app.baseUrl, 'GET', '/api/v1/dossiers', { token: cliOther })).status).toBe(200);
    expect((await call(app.baseUrl, 'GET', '/api/v1/users', { token: admin })).status).toBe(200);
  });

  // Eight CLI processes, each starting Nest: long on a loaded 2-core machine.
  it('ketnap user add takes a piped password, and the user then logs in; bad usage exits 2 appending nothing', async () => {
    const env = { ...(await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir })), KETNAP_DATA_DIR: dataDir, AUTH_SECRET };
    const ketnap = (args: string[], input: string) =>
      runKetnap(['user', 'add', ...args], { ...env, KETNAP_LANG: 'en' }, { input, timeoutMs: 60_000 });

    const before = await eventCount(app.baseUrl);
    const badUsage: [string[], string][] = [
      [['tuan', '--role', 'chief', '--unit', 'dong-tien'], 'mật khẩu của Tuấn\n'],
      [['tuan', '--role', 'office', '--unit', 'dong-tien'], 'short\n'],
      [['tuan', '--role', 'office', '--unit', 'dong-tien'], ''],
      [['tuan', '--role', 'office'], 'mật khẩu của Tuấn\n'],
      [['Trần Tuấn', '--role', 'office', '--unit', 'dong-tien'], 'mật khẩu của Tuấn\n'],
      [['--role', 'office'], 'mật khẩu của Tuấn\n'],
    ];
    for (const [args, input] of badUsage) {
      const run = ketnap(args, input);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr).toMatch(/^ketnap: [^\n]+\n$/);
    }
    expect(ketnap(['tuan', '--role', 'office', '--unit', 'dong-tien'], 'short\n').stderr).toBe(
      'ketnap: the password (read from standard input) must be 8 to 128 characters long, not only spaces\n',
    );
    expect(await eventCount(app.baseUrl)).toBe(before);

    const run = ketnap(
      ['tuan', '--role', 'office', '--unit', 'dong-tien', '--name', 'Trần Tuấn'],
      'mật khẩu của Tuấn\n',
    );
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 0,
      stdout: 'created user tuan (role office, version 1)\n',
      stderr: '',
    });
    const answer = await login('tuan', 'mật khẩu của Tuấn');
    expect(answer).toMatchObject({
      status: 200,
      body: { user: { username: 'tuan', name: 'Trần Tuấn', role: 'office', units: ['dong-tien'] } },
    });
    expect((await call(app.baseUrl, 'GET', '/api/v1/dossiers', { token: answer.body.token })).status).toBe(200);
  }, 240_000);
});
