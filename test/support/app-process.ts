import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface AppProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr. */
  output(): string;
  /** Sends a signal and resolves with the exit code once the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `apps/api/src/main.ts` (API and worker in one process, like `npm start`) in a child process
 * on a free port, and resolves once it says it is listening.
 */
export function startApp(env: Record<string, string>, timeoutMs = 15_000): Promise<AppProcess> {
  const child = spawn(
    process.execPath,
    ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps/api/src/main.ts')],
    {
      env: { ...process.env, PORT: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          baseUrl: `http://127.0.0.1:${match[1]}`,
          child,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with code ${code} before listening:\n${output}`));
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
