import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openPersonalKeyring, loadConfig } from '@ketnap/engine';
import { SqliteEventStore, newMasterKeyText, wrappingKeyId, masterKeyOf } from '@ketnap/event-store';
import { tempDataDir } from './api-support';
import { runKetnap } from './support/cli-process';

/** `ketnap keys rotate`: every data key rewrapped with the new master key, no event touched, resumable. */
describe('ketnap keys rotate', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('rewraps every key with KETNAP_MASTER_KEY, leaves the log as it was, and can run again', async () => {
    dataDir = tempDataDir();
    const old = newMasterKeyText();
    const next = newMasterKeyText();
    const config = loadConfig({ KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: old });
    const { keyring, database } = await openPersonalKeyring(config);
    const sealed = new Map<string, string>();
    for (let i = 0; i < 620; i += 1) sealed.set(`d-${i}`, (await keyring.seal(`d-${i}`, { i }))!);
    await keyring.destroy('d-3');
    await database.close();
    const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    await store.append('dossier-d-1', [{ type: 'Probe', data: { personal: sealed.get('d-1') } }], {
      expectedVersion: 'no-stream',
    });
    await store.close();
    const logBefore = createHash('sha256')
      .update(readFileSync(join(dataDir, 'ketnap.db')))
      .digest('hex');

    const env = {
      KETNAP_DATA_DIR: dataDir,
      KETNAP_MASTER_KEY: next,
      KETNAP_MASTER_KEY_PREVIOUS: old,
      KETNAP_LANG: 'en',
    };
    const run = runKetnap(['keys', 'rotate'], env);
    expect({ status: run.status, stdout: run.stdout }).toEqual({
      status: 0,
      stdout: 'rewrapped 619 of 620 personal-data keys with the new master key; no event was touched\n',
    });
    expect(run.stderr).toMatch(/keys rotate/);
    const again = runKetnap(['keys', 'rotate'], env);
    expect(again.stdout).toBe('rewrapped 0 of 620 personal-data keys with the new master key; no event was touched\n');

    expect(
      createHash('sha256')
        .update(readFileSync(join(dataDir, 'ketnap.db')))
        .digest('hex'),
    ).toBe(logBefore);
    const after = await openPersonalKeyring(loadConfig({ KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: next }));
    try {
      expect(await after.keyring.openSealed('d-619', sealed.get('d-619')!)).toEqual({ i: 619 });
      expect(await after.keyring.openSealed('d-3', sealed.get('d-3')!)).toBeNull();
      const page = await after.table.page(null, 1000);
      const ids = new Set(page.flatMap((r) => (r.wrapped ? [wrappingKeyId(r.wrapped)] : [])));
      expect([...ids]).toEqual([masterKeyOf(next).id]);
    } finally {
      await after.database.close();
    }
  });

  it('refuses a previous master key without the one that replaced it, changing nothing', () => {
    dataDir = tempDataDir();
    const run = runKetnap(['keys', 'rotate'], {
      KETNAP_DATA_DIR: dataDir,
      KETNAP_MASTER_KEY_PREVIOUS: newMasterKeyText(),
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/KETNAP_MASTER_KEY_PREVIOUS: is set without KETNAP_MASTER_KEY/);
    const bad = runKetnap(['keys', 'rotate'], { KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: 'not a key' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/KETNAP_MASTER_KEY: a master key is 32 bytes/);
  });
});
