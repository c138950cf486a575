import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

/**
 * `ketnap …` from the sources in a child process, with `env` over an environment cleared of ketnap's
 * variables (so the developer's own settings never leak into a test); `input` is its standard input.
 */
export function runKetnap(
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string; timeoutMs?: number; input?: string } = {},
): SpawnSyncReturns<string> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(KETNAP_|AUTH_SECRET|REDIS_URL|DATABASE_URL|EVENTSTORE_URL)/.test(name),
    ),
  );
  return spawnSync(
    process.execPath,
    ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts'), ...args],
    {
      cwd: options.cwd ?? REPO,
      env: { ...base, ...env },
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 30_000,
      ...(options.input !== undefined && { input: options.input }),
    },
  );
}
