import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '@ketnap/engine';
import { startAppExpectingFailure, type AppProcess } from './support/app-process';
import { AUTH_SECRET, REPO, appForSuite, call, eventCount, expectProblem, tempDataDir, tokenFor } from './api-support';

const unit = { name: 'Chi bộ Làng Gia', kind: 'branch' };
const plan = { committeeId: 'dong-tien', units: [] };

describe('API authentication and roles (AUTH_SECRET set)', () => {
  let app: AppProcess;
  appForSuite({}, (started) => (app = started));

  it('answers 401 problem+json without a token, with an expired one, a badly signed one, or a non-Bearer header', async () => {
    const expired = await tokenFor('admin', { ttl: -60 });
    const forged = await tokenFor('admin', { secret: 'not-the-server-secret-not-the-server-secret' });
    const cases: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${expired}` },
      { authorization: `Bearer ${forged}` },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    ];
    for (const headers of cases) {
      const answer = await call(app.baseUrl, 'GET', '/api/v1/units', { headers });
      expectProblem(answer, 401, 'UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('accepts a token minted by another tool holding the secret (jose, in a separate process)', () => {
    const script = `import('jose').then(async ({ SignJWT }) => process.stdout.write(await new SignJWT({ role: 'viewer', units: ['lang-gia'] })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('script').setExpirationTime('5m').sign(new TextEncoder().encode(process.env.SECRET))))`;
    const token = execFileSync(process.execPath, ['-e', script], {
      cwd: REPO,
      env: { ...process.env, SECRET: AUTH_SECRET },
    }).toString();
    return expect(call(app.baseUrl, 'GET', '/api/v1/units', { token }).then((a) => a.status)).resolves.toBe(200);
  });

  it('lets only the admin write units and plans (403 for every other role), and every role read them', async () => {
    const before = await eventCount(app.baseUrl);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const token = await tokenFor(role, { units: ['lang-gia'] });
      expectProblem(await call(app.baseUrl, 'PUT', '/api/v1/units/lang-gia', { token, json: unit }), 403, 'FORBIDDEN');
      expectProblem(await call(app.baseUrl, 'PUT', '/api/v1/plans/2024', { token, json: plan }), 403, 'FORBIDDEN');
      expect((await call(app.baseUrl, 'GET', '/api/v1/units', { token })).status).toBe(200);
      expectProblem(await call(app.baseUrl, 'GET', '/api/v1/plans/2024', { token }), 404, 'NOT_FOUND');
    }
    expect(await eventCount(app.baseUrl)).toBe(before);
    const admin = await tokenFor('admin');
    expect(await call(app.baseUrl, 'PUT', '/api/v1/units/lang-gia', { token: admin, json: unit })).toMatchObject({
      status: 200,
      body: { unitId: 'lang-gia', version: 1 },
    });
  });

  it('serves /health, /metrics and the OpenAPI document without a token, outside /api/v1', async () => {
    expect((await call(app.baseUrl, 'GET', '/health')).status).toBe(200);
    expect((await call(app.baseUrl, 'GET', '/metrics')).text).toContain('ketnap_event_store_head_position');
    const ui = await call(app.baseUrl, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = (await call(app.baseUrl, 'GET', '/docs-json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/units', '/api/v1/units/{unitId}', '/api/v1/plans/{year}']),
    );
    expect(doc.paths['/api/v1/plans/{year}'].put.security).toEqual([{ bearer: [] }]);
    expectProblem(await call(app.baseUrl, 'GET', '/health/api/v1'), 401);
    expectProblem(await call(app.baseUrl, 'GET', '/health/api/v1', { token: await tokenFor('admin') }), 404);
  });

  // Over plain http no Strict-Transport-Security (README "Security"), even when an untrusted client
  // claims https; test/api-docs.e2e.spec.ts shows it sent behind a trusted proxy that says so.
  it('sends helmet security headers on API answers, errors and the docs', async () => {
    for (const path of ['/api/v1/units', '/health', '/docs']) {
      for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Array<Record<string, string>>) {
        const answer = await call(app.baseUrl, 'GET', path, { headers });
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(answer.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
        expect(answer.headers.get('strict-transport-security')).toBeNull();
        expect(answer.headers.get('x-powered-by')).toBeNull();
      }
    }
  });
});

describe('API failed-authentication limit', () => {
  let app: AppProcess;
  appForSuite({}, (started) => (app = started));

  it('answers 429 with Retry-After after 20 bad tokens in a minute, while a valid token still passes', async () => {
    const bad = { token: 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA' };
    for (let i = 0; i < 20; i++) expectProblem(await call(app.baseUrl, 'GET', '/api/v1/units', bad), 401);
    const limited = await call(app.baseUrl, 'GET', '/api/v1/units', bad);
    expectProblem(limited, 429, 'TOO_MANY_FAILED_AUTHENTICATIONS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await call(app.baseUrl, 'GET', '/api/v1/units', { token: await tokenFor('viewer', { units: ['lang-gia'] }) }))
        .status,
    ).toBe(200);
    expectProblem(await call(app.baseUrl, 'GET', '/api/v1/units'), 401);
  });

  it('ignores X-Forwarded-For unless KETNAP_TRUST_PROXY names the proxy: another header is no way around the limit', async () => {
    const spoofed = await call(app.baseUrl, 'GET', '/api/v1/units', {
      token: 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA',
      headers: { 'x-forwarded-for': '203.0.113.77' },
    });
    expectProblem(spoofed, 429, 'TOO_MANY_FAILED_AUTHENTICATIONS');
  });
});

describe('API failed-authentication limit behind a trusted proxy (KETNAP_TRUST_PROXY=loopback)', () => {
  let app: AppProcess;
  appForSuite({ KETNAP_TRUST_PROXY: 'loopback' }, (started) => (app = started));

  it('counts failures per client address the proxy forwards', async () => {
    const bad = (client: string) =>
      call(app.baseUrl, 'GET', '/api/v1/units', {
        token: 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA',
        headers: { 'x-forwarded-for': client },
      });
    for (let i = 0; i < 20; i++) expectProblem(await bad('203.0.113.1'), 401);
    expectProblem(await bad('203.0.113.1'), 429, 'TOO_MANY_FAILED_AUTHENTICATIONS');
    expectProblem(await bad('203.0.113.2'), 401);
  });
});

describe('API secret generated into the data dir and shared with `ketnap token`', () => {
  let app: AppProcess;
  let dataDir: string;
  appForSuite({ AUTH_SECRET: '' }, (started, dir) => {
    app = started;
    dataDir = dir;
  });

  it('writes auth-secret (mode 0600) on first start and accepts tokens signed with it', async () => {
    const file = join(dataDir, 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = await tokenFor('viewer', { units: ['lang-gia'], secret: readFileSync(file, 'utf8') });
    expect((await call(app.baseUrl, 'GET', '/api/v1/units', { token })).status).toBe(200);
  });

  it('accepts a token printed by `ketnap token` with the same data dir', async () => {
    const cli = ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts')];
    const printed = execFileSync(
      process.execPath,
      [...cli, 'token', '--sub', 'u-7', '--role', 'admin', '--unit', 'lang-gia', '--ttl', '5m'],
      {
        env: { ...process.env, KETNAP_DATA_DIR: dataDir, AUTH_SECRET: '' },
      },
    ).toString();
    expect(printed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = printed.trim();
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({
      sub: 'u-7',
      role: 'admin',
      units: ['lang-gia'],
    });
    expect((await call(app.baseUrl, 'PUT', '/api/v1/units/lang-gia', { token, json: unit })).status).toBe(200);
  });

  it('refuses to start, in one line naming AUTH_SECRET, when the secret file is unusable', async () => {
    const broken = tempDataDir();
    writeFileSync(join(broken, 'auth-secret'), 'short');
    const { code, stderr } = await startAppExpectingFailure({ KETNAP_DATA_DIR: broken, AUTH_SECRET: '' });
    rmSync(broken, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^ketnap: invalid configuration: AUTH_SECRET: .*auth-secret holds no usable secret/),
    ]);
  });
});
