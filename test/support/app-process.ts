import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2eStoreEnv } from './e2e-store';

const root = join(__dirname, '..', '..');

/** The words of `npm start`'s script in package.json. */
function startCommand(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return scripts.start.split(/\s+/);
}

/** The node flags `npm start` runs the built server with (its script in package.json). */
export function serverNodeFlags(): string[] {
  return startCommand().filter((word) => /^--[a-z-]+=/.test(word));
}

/** The environment `npm start` runs the built server in, over the caller's (`NAME=value` before `node` in its script). */
export function serverEnv(): Record<string, string> {
  return Object.fromEntries(
    startCommand()
      .filter((word) => /^[A-Z_]+=/.test(word))
      .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
  );
}

/** `npm run build`: what `npm start`, `npm run worker` and `npx ketnap` run, in `dist/` (see `startApp`'s `built`). */
export function buildDist(): void {
  const run = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('npm run build failed');
}

/** A child process running one of ketnap's entry points. */
export interface MainProcess {
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr. */
  output(): string;
  /** Sends a signal and resolves with the exit code once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface AppProcess extends MainProcess {
  baseUrl: string;
}

/**
 * Starts `apps/api/src/main.ts` (API and worker in one process, like `npm start`) in a child process
 * on a free port, and resolves once it says it is listening. Under `KETNAP_E2E_STORE=postgres` the app
 * runs on a PostgreSQL database and Redis prefix of its own (see `e2e-store.ts`). `built`: the entry
 * `npm start` runs, built to `dist/` (`buildDist` first), with its node flags and environment and
 * without the TypeScript loader.
 */
export async function startApp(
  env: Record<string, string>,
  timeoutMs = 15_000,
  { built = false }: { built?: boolean } = {},
): Promise<AppProcess> {
  const withStore = { ...(built ? serverEnv() : {}), ...(await e2eStoreEnv(env)), ...env };
  const entry = built ? 'dist/apps/api/src/main.js' : 'apps/api/src/main.ts';
  const { main, ready } = await startMain(
    entry,
    withStore,
    /listening on port (\d+)/,
    timeoutMs,
    built ? serverNodeFlags() : [],
  );
  return { ...main, baseUrl: `http://127.0.0.1:${ready[1]}` };
}

/**
 * Starts `apps/worker/src/main.ts` (the worker alone, as scaled-out deployments run it) in a child
 * process, and resolves once it says it is running.
 */
export async function startWorker(env: Record<string, string>, timeoutMs = 30_000): Promise<MainProcess> {
  return (await startMain('apps/worker/src/main.ts', env, /ketnap worker running/, timeoutMs)).main;
}

/**
 * Runs `entry` (TypeScript through register-ts.js) with node's `flags` and resolves once its output
 * matches `ready` (with the match).
 */
function startMain(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs: number,
  flags: string[] = [],
): Promise<{ main: MainProcess; ready: RegExpExecArray }> {
  const loader = entry.endsWith('.ts') ? ['-r', join(root, 'test/support/register-ts.js')] : [];
  const child = spawn(process.execPath, [...flags, ...loader, join(root, entry)], {
    env: { ...process.env, PORT: '0', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    // A process that missed its start is killed: left running, it would keep jest from exiting.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        ready: match,
        main: {
          child,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

/** Runs the app expecting it to fail at start; resolves with its exit code and output. */
export function startAppExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps/api/src/main.ts')],
    {
      env: { ...process.env, PORT: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}
