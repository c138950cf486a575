import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authSecretPath, resolveAuthSecret } from './auth-secret';

describe('the auth secret', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'ketnap-secret-')), 'data')));
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('is generated once into the data dir (64 hex characters, mode 0600) and reused after', () => {
    const first = resolveAuthSecret({ dataDir });
    const text = readFileSync(authSecretPath({ dataDir }), 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(authSecretPath({ dataDir })).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first).toString()).toBe(text);
    expect(resolveAuthSecret({ dataDir })).toEqual(first);
  });

  it('is AUTH_SECRET when set, and no file is written', () => {
    const secret = resolveAuthSecret({ dataDir, authSecret: 'x'.repeat(32) });
    expect(Buffer.from(secret).toString()).toBe('x'.repeat(32));
    expect(() => statSync(authSecretPath({ dataDir }))).toThrow();
  });

  it('refuses a secret file too short to be safe, naming AUTH_SECRET', () => {
    resolveAuthSecret({ dataDir });
    writeFileSync(authSecretPath({ dataDir }), 'short');
    expect(() => resolveAuthSecret({ dataDir })).toThrow(
      expect.objectContaining({ name: 'ConfigError', variable: 'AUTH_SECRET' }),
    );
  });
});
