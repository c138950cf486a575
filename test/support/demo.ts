import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { e2eStoreEnv } from './e2e-store';

const REPO = join(__dirname, '..', '..');

/** `ketnap demo` into `dataDir`, on the store a server started on it uses (the PostgreSQL tier's too). */
export async function loadDemo(dataDir: string): Promise<SpawnSyncReturns<string>> {
  const storeEnv = await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir });
  return spawnSync(
    process.execPath,
    ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts'), 'demo'],
    { cwd: REPO, env: { ...process.env, ...storeEnv, KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' }, encoding: 'utf8' },
  );
}
