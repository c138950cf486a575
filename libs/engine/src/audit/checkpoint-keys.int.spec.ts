import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointKeyPath, loadCheckpointKeys } from './checkpoint-keys';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Loads the key pair in a child process, as the API, the worker and the CLI each do, and prints the public key. */
function publicKeyInChild(dataDir: string, startAt: number): Promise<string> {
  const load = `require(${JSON.stringify(join(__dirname, 'checkpoint-keys.ts'))}).loadCheckpointKeys({ dataDir: process.argv[1] })`;
  const script = `while (Date.now() < ${startAt}); ${load}.publicKeyPem`; // all at once, once loaded
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/register-ts.js'), '-p', script, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)))),
  );
}

describe('the checkpoint key pair', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'ketnap-keys-')), 'data')));
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('is one key when several processes create it at once, and nothing is left beside it', async () => {
    const startAt = Date.now() + 2000;
    const keys = await Promise.all([1, 2, 3, 4, 5, 6].map(() => publicKeyInChild(dataDir, startAt)));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toContain(loadCheckpointKeys({ dataDir }).publicKeyPem);
    expect(readdirSync(dataDir)).toEqual(['checkpoint-key.pem']);
  }, 30_000);

  it('refuses a key file that holds no Ed25519 private key, naming the file', () => {
    loadCheckpointKeys({ dataDir });
    writeFileSync(checkpointKeyPath({ dataDir }), 'not a key');
    expect(() => loadCheckpointKeys({ dataDir })).toThrow(
      `${checkpointKeyPath({ dataDir })} holds no Ed25519 private key`,
    );
  });
});
