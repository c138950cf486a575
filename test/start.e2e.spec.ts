import { mkdtempSync, rmSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, startAppExpectingFailure } from './support/app-process';

describe('starting and stopping ketnap (npm start)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ketnap-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health within 10 s of a fresh start on the embedded store, and stops cleanly on SIGTERM', async () => {
    const started = Date.now();
    const app = await startApp({ KETNAP_DATA_DIR: dataDir });
    const res = await fetch(`${app.baseUrl}/health`);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: 'sqlite', scheduler: 'embedded', lag: 0 });
    expect(existsSync(join(dataDir, 'ketnap.db'))).toBe(true);
    const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
    expect(metrics).toContain('ketnap_event_store_head_position 0');
    expect(await app.stop('SIGTERM')).toBe(0);
  });

  // Linux schedules each thread apart: /proc/<pid>/task/<tid>/stat field 19 is its niceness.
  const linux = existsSync('/proc/thread-self') ? it : it.skip;
  linux('runs the worker thread at a lower priority than the API, so requests come first (Linux)', async () => {
    const app = await startApp({ KETNAP_DATA_DIR: dataDir });
    const pid = app.child.pid!;
    const nice = (tid: string) =>
      Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const niceness = readdirSync(`/proc/${pid}/task`).map(nice);
    expect(nice(String(pid))).toBe(0);
    expect(niceness.filter((n) => n === 10).length).toBeGreaterThanOrEqual(1);
    expect(await app.stop('SIGTERM')).toBe(0);
  });

  it('stops cleanly on SIGINT', async () => {
    const app = await startApp({ KETNAP_DATA_DIR: dataDir });
    expect((await fetch(`${app.baseUrl}/health`)).status).toBe(200);
    expect(await app.stop('SIGINT')).toBe(0);
  });

  it.each([
    ['KETNAP_EVENT_STORE', { KETNAP_EVENT_STORE: 'oracle' }],
    ['PORT', { PORT: 'eighty' }],
    ['KETNAP_CLOCK', { KETNAP_CLOCK: 'sundial' }],
    ['KETNAP_START_AT', { KETNAP_CLOCK: 'manual', KETNAP_START_AT: 'yesterday' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['DATABASE_URL', { KETNAP_EVENT_STORE: 'postgres' }],
  ])('fails at start with one line naming %s', async (variable, env) => {
    const { code, stderr } = await startAppExpectingFailure({ KETNAP_DATA_DIR: dataDir, ...env });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`ketnap: invalid configuration: ${variable}:`);
  });
});
