import { rmSync } from 'node:fs';
import { command } from '@ketnap/domain/testing';
import { AUTH_SECRET, call, tempDataDir, tokenFor } from './api-support';
import { startApp, type AppProcess } from './support/app-process';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UNITS = [
  ['dang-uy-xa-dong-tien', { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
  [
    'chi-bo-thon-dong-lac',
    { name: 'Chi bộ thôn Đồng Lạc', kind: 'branch', parentId: 'dang-uy-xa-dong-tien', block: 'rural' },
  ],
  ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: 'dang-uy-xa-dong-tien' }],
] as const;

describe('the log', () => {
  let dataDir: string;
  let app: AppProcess | undefined;
  beforeEach(() => (dataDir = tempDataDir()));
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }, 15_000);

  it('is JSON lines with ISO timestamps off a terminal, a line per request at debug, no personal data', async () => {
    app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET, KETNAP_LOG_LEVEL: 'debug', KETNAP_WORKER: 'off' });
    const admin = await tokenFor('admin');
    for (const [id, unit] of UNITS)
      expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
    const nominated = await call(app.baseUrl, 'POST', '/api/v1/dossiers', {
      token: admin,
      json: command('NominateCandidate').data,
      headers: { 'X-Request-Id': 'trace-nominate' },
    });
    expect(nominated.status).toBe(201);
    const id = nominated.body.id as string;
    expect((await call(app.baseUrl, 'GET', `/api/v1/dossiers/${id}?asOf=2024-01-01`, { token: admin })).status).toBe(
      200,
    );
    const started = Date.now();
    while (!app.output().includes(`"route":"/api/v1/dossiers/:id"`) && Date.now() - started < 5000)
      await new Promise((resolve) => setTimeout(resolve, 50));

    const lines = app.output().trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) {
      expect(entry.time).toMatch(ISO);
      expect(['error', 'warn', 'info', 'debug']).toContain(entry.level);
    }
    expect(entries).toContainEqual(
      expect.objectContaining({ context: 'http', method: 'POST', route: '/api/v1/dossiers', status: 201 }),
    );
    const nominateLines = entries.filter((entry) => entry.requestId === 'trace-nominate');
    expect(nominateLines).toHaveLength(1);
    expect(nominateLines[0]).toMatchObject({ level: 'debug', ms: expect.any(Number) });
    expect(entries).toContainEqual(
      expect.objectContaining({ context: 'http', method: 'GET', route: '/api/v1/dossiers/:id', status: 200 }),
    );
    const log = app.output();
    for (const personal of ['Nguyễn Thị An', 'Nguyen Thi An', '1996-05-10', 'Tày', 'asOf', AUTH_SECRET, id])
      expect(log).not.toContain(personal);
  }, 30_000);

  it('says where /docs is and that a secret was generated; no line per request at info', async () => {
    app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET: '' });
    const port = new URL(app.baseUrl).port;
    expect((await fetch(`${app.baseUrl}/health`)).status).toBe(200);
    const entries = app
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; context: string });
    const messages = entries.map((entry) => entry.msg);
    expect(messages).toContain(
      `API documentation: http://localhost:${port}/docs (OpenAPI document: http://localhost:${port}/docs-json)`,
    );
    expect(messages).toContain(
      `AUTH_SECRET unset: generated a signing secret into ${dataDir}/auth-secret (ketnap token uses it)`,
    );
    expect(entries.filter((entry) => entry.context === 'http')).toEqual([]);
    expect(messages.filter((msg) => /Mapped|dependencies initialized/.test(msg))).toEqual([]);
    expect((await fetch(`http://localhost:${port}/docs`)).status).toBe(200);
  }, 30_000);

  it('is dd/mm/yyyy HH:mm:ss lines with KETNAP_LOG_FORMAT=pretty; silent about a secret it was given', async () => {
    app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET, KETNAP_LOG_FORMAT: 'pretty' });
    const lines = app.output().trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (ERROR|WARN |INFO |DEBUG) \[/);
    expect(lines.some((line) => / INFO {2}\[ketnap\] listening on port \d+: http:\/\/localhost:\d+ /.test(line))).toBe(
      true,
    );
    expect(app.output()).not.toContain('generated a signing secret');
  }, 30_000);
});
