import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `npm start`'s entry in a child process; `onStart` gets the child as soon as it is spawned. */
function runApi(env: Record<string, string>, onStart: (kill: (signal: NodeJS.Signals) => void) => void = () => {}) {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/register-ts.js'), 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', AUTH_SECRET: '', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, signal: null, stdout: '', stderr: '', ms: 0 };
  let started = Date.now();
  child.stdout.on('data', (chunk) => (run.stdout += chunk));
  child.stderr.on('data', (chunk) => (run.stderr += chunk));
  onStart((signal) => {
    started = Date.now();
    child.kill(signal);
  });
  // A start that never ends (the fault these tests guard against) is killed before the test's timeout.
  const stuck = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise<Run>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(stuck);
      resolve({ ...run, code, signal, ms: Date.now() - started });
    }),
  );
}

const listen = (server: Server, host = '127.0.0.1') =>
  new Promise<number>((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));

describe('a start that cannot go on stops before it touches the data dir', () => {
  let base: string;
  let dataDir: string;
  let server: Server | undefined;
  const sockets: Socket[] = [];
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'ketnap-checks-'));
    dataDir = join(base, 'data');
  });
  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.destroy());
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
    rmSync(base, { recursive: true, force: true });
  });

  it('fails in one line naming PORT when the port is in use, with the data dir untouched', async () => {
    server = createServer();
    const port = await listen(server);
    const run = await runApi({ KETNAP_DATA_DIR: dataDir, PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `ketnap: cannot start: PORT: port ${port} is already in use (another ketnap, or another program): ` +
        'stop it or set PORT to a free port\n',
    );
    expect(run.stdout).not.toMatch(/successfully started|sweep/);
    expect(existsSync(dataDir)).toBe(false);
  }, 30_000);

  it('fails in one line naming REDIS_URL within a few seconds when no Redis answers, without a flood', async () => {
    const run = await runApi({ KETNAP_DATA_DIR: dataDir, PORT: '0', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'ketnap: cannot start: REDIS_URL: no Redis answered at 127.0.0.1:1 within 3 s (connect ECONNREFUSED ' +
        '127.0.0.1:1): start Redis there, correct REDIS_URL, or unset it to keep the timers in the data dir\n',
    );
    expect(`${run.stdout}${run.stderr}`.split('ECONNREFUSED')).toHaveLength(2);
    expect(existsSync(dataDir)).toBe(false);
  }, 30_000);

  it('stops within 5 s on the first SIGINT while it waits for a Redis that does not answer', async () => {
    // A Redis that accepts the connection and never answers: the start waits on it.
    let connected: () => void = () => {};
    const waiting = new Promise<void>((resolve) => (connected = resolve));
    server = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    const port = await listen(server);
    const run = await runApi(
      { KETNAP_DATA_DIR: dataDir, PORT: '0', REDIS_URL: `redis://127.0.0.1:${port}` },
      (kill) => void waiting.then(() => kill('SIGINT')),
    );
    expect(run.ms).toBeLessThan(5000);
    expect(run.code).toBe(130);
    expect(run.stderr).toBe('ketnap: SIGINT received while starting, stopped\n');
    expect(existsSync(dataDir)).toBe(false);
  }, 30_000);
});
