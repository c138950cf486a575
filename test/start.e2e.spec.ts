import { mkdirSync, mkdtempSync, rmSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleSetById } from '@ketnap/domain';
import { startApp, startAppExpectingFailure } from './support/app-process';

describe('starting and stopping ketnap (npm start)', () => {
  // Each test starts the server (startApp waits up to 15 s); the 10 s bound of a fresh start is asserted in its test.
  jest.setTimeout(30_000);
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ketnap-start-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health within 10 s of a fresh start on the embedded store, and stops cleanly on SIGTERM', async () => {
    const started = Date.now();
    // The embedded store named, so the PostgreSQL e2e tier runs this test as it is too.
    const app = await startApp({ KETNAP_DATA_DIR: dataDir, KETNAP_EVENT_STORE: 'sqlite', REDIS_URL: '' });
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

  // Another PC of the office reaches the server on the machine's own address, unless KETNAP_HOST narrows it.
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
  const withLan = lan ? it : it.skip; // skipped: this machine has no IPv4 address but loopback
  withLan(
    "answers on the machine's network address by default, and on loopback only with KETNAP_HOST=127.0.0.1",
    async () => {
      const reach = (port: string) =>
        fetch(`http://${lan}:${port}/health`).then(
          (res) => res.status,
          () => 'refused',
        );
      const open = await startApp({ KETNAP_DATA_DIR: dataDir });
      try {
        expect(await reach(new URL(open.baseUrl).port)).toBe(200);
      } finally {
        expect(await open.stop('SIGTERM')).toBe(0);
      }
      const local = await startApp({ KETNAP_DATA_DIR: dataDir, KETNAP_HOST: '127.0.0.1' });
      try {
        expect((await fetch(`${local.baseUrl}/health`)).status).toBe(200);
        expect(await reach(new URL(local.baseUrl).port)).toBe('refused');
      } finally {
        expect(await local.stop('SIGTERM')).toBe(0);
      }
    },
    30_000, // two starts
  );

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

  it('fails at start with one line naming KETNAP_RULES_DIR and the bad rule set file', async () => {
    const rulesDir = join(dataDir, 'rules');
    mkdirSync(rulesDir);
    const file = join(rulesDir, 'qd24-2021.json');
    const { parameters, ...set } = ruleSetById('qd24-2021')!;
    writeFileSync(file, JSON.stringify({ format: 1, ...set, parameters: { ...parameters, quorum: 5 } }));
    const { code, stderr } = await startAppExpectingFailure({ KETNAP_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      `ketnap: invalid configuration: KETNAP_RULES_DIR: ${file}: unknown parameter: quorum`,
    ]);
    expect(existsSync(join(dataDir, 'ketnap.db'))).toBe(false);
  });

  it('fails at start with one line naming KETNAP_CALENDAR_DIR and the bad calendar file, before the data dir is used', async () => {
    mkdirSync(join(dataDir, 'calendar'));
    const file = join(dataDir, 'calendar', 'vn-2027.json');
    writeFileSync(
      file,
      JSON.stringify({ year: 2027, description: 'x', sources: ['x'], days: [{ date: '2028-01-03' }] }),
    );
    const { code, stderr } = await startAppExpectingFailure({ KETNAP_DATA_DIR: dataDir });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`ketnap: invalid configuration: KETNAP_CALENDAR_DIR: ${file}: `);
    expect(existsSync(join(dataDir, 'ketnap.db'))).toBe(false);
  });
});
