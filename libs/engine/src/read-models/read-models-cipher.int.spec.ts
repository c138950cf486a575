import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataError } from '@ketnap/event-store';
import { READ_MODELS_SUBJECT, openPersonalKeyring } from '../personal/personal-keys';
import { readModelsCipher } from './read-models.module';

describe("the read models' column cipher", () => {
  let dataDir: string;
  const config = () => ({ eventStore: 'sqlite' as const, dataDir });
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'ketnap-columns-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is the same in every process of a data dir, and another in another data dir', async () => {
    const sealed: Array<string | null> = [];
    for (let run = 0; run < 2; run += 1) {
      const { keyring, database } = await openPersonalKeyring(config());
      sealed.push((await readModelsCipher(keyring)).seal('d1/full_name', 'Nguyễn Thị Đào'));
      await database.close();
    }
    expect(sealed[0]).toMatch(/^kc1\./);
    expect(sealed[1]).toBe(sealed[0]);

    const other = mkdtempSync(join(tmpdir(), 'ketnap-columns-'));
    try {
      const { keyring, database } = await openPersonalKeyring({ eventStore: 'sqlite', dataDir: other });
      const cipher = await readModelsCipher(keyring);
      await database.close();
      expect(cipher.seal('d1/full_name', 'Nguyễn Thị Đào')).not.toBe(sealed[0]);
      expect(() => cipher.open('d1/full_name', sealed[0])).toThrow(PersonalDataError);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses to start on a key table whose read-models key was destroyed, naming it', async () => {
    const { keyring, database } = await openPersonalKeyring(config());
    try {
      await keyring.keyFor(READ_MODELS_SUBJECT);
      await keyring.destroy(READ_MODELS_SUBJECT);
      await expect(readModelsCipher(keyring)).rejects.toThrow(
        `the key of the read models (${READ_MODELS_SUBJECT}) was destroyed`,
      );
    } finally {
      await database.close();
    }
  });
});
