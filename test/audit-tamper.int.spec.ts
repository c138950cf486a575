import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, eventHash } from '@ketnap/event-store';

const REPO = join(__dirname, '..');

/**
 * The acceptance test of signed checkpoints (API.md "Audit anchoring"): someone with write access to
 * the database rewrites history so that the hash chain still verifies; the checkpoint taken before,
 * with the public key kept off the machine, names every stream they touched.
 */
describe('`ketnap audit verify` against a signed checkpoint, on a tampered copy of the database', () => {
  let root: string;
  let dataDir: string;
  let offsite: string;
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts'), ...args],
      {
        env: {
          ...process.env,
          KETNAP_DATA_DIR: dataDir,
          KETNAP_WEBHOOK_URL: '',
          KETNAP_CHECKPOINT_DIR: '',
          KETNAP_LANG: 'en',
        },
        encoding: 'utf8',
      },
    );
  const record = async (appends: Array<[string, number]>) => {
    const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    for (const [streamId, count] of appends) {
      for (let i = 0; i < count; i += 1)
        await store.append(streamId, [{ type: 'StepRecorded', data: { step: i, note: `bước ${i}` } }], {
          expectedVersion: 'any',
        });
    }
    await store.close();
  };
  /** A copy of the database with its WAL, opened as an attacker would: the append-only triggers dropped. */
  const copyForAttacker = (name: string) => {
    const copy = join(root, name);
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(join(dataDir, `ketnap.db${suffix}`)))
        copyFileSync(join(dataDir, `ketnap.db${suffix}`), `${copy}${suffix}`);
    }
    const db = new Database(copy);
    for (const name of db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
      .pluck()
      .all() as string[]) {
      db.exec(`DROP TRIGGER "${name}"`);
    }
    return { copy, db };
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ketnap-tamper-'));
    dataDir = join(root, 'data');
    offsite = join(root, 'offsite');
    await record([
      ['dossier-a', 4],
      ['dossier-b', 3],
      ['dossier-c', 2],
      ['units', 2],
    ]);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  let checkpointFile: string;
  let publicKeyFile: string;

  it('takes a checkpoint into the data dir and prints the public key to keep off the machine', () => {
    const taken = cli('audit', 'checkpoint');
    expect({ status: taken.status, stderr: taken.stderr }).toEqual({ status: 0, stderr: '' });
    const [, id] = /^checkpoint (cp-\S+) signed at position 11 \(4 streams\)$/m.exec(taken.stdout) ?? [];
    const [, file] = /^file (.+)$/m.exec(taken.stdout) ?? [];
    expect(file).toBe(join(dataDir, 'checkpoints', `${id}.json`));
    const key = cli('audit', 'public-key');
    expect(key.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    mkdirSync(offsite);
    checkpointFile = join(offsite, `${id}.json`);
    publicKeyFile = join(offsite, 'ketnap-checkpoints.pem');
    copyFileSync(file, checkpointFile);
    writeFileSync(publicKeyFile, key.stdout);
  });

  it('passes the untouched database, with events appended after the checkpoint', async () => {
    await record([
      ['dossier-a', 1],
      ['dossier-new', 2],
    ]);
    const run = cli('audit', 'verify', '--checkpoint', checkpointFile, '--public-key', publicKeyFile);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^ok: checkpoint cp-\S+ holds \(position 11, 4 streams\); 14 events in 5 streams chain\n$/,
    );
  });

  it('names an event rewritten with its chain computed again, a truncated stream and a deleted one, though the chain verifies', () => {
    const { copy, db } = copyForAttacker('rewritten.db');
    const rows = db
      .prepare("SELECT * FROM events WHERE stream_id = 'dossier-a' ORDER BY stream_version")
      .all() as Array<Record<string, any>>;
    let prevHash = rows[1].prev_hash as string;
    for (const row of rows.slice(1)) {
      const data = row.stream_version === 2 ? { step: 1, note: 'bước 1 (sửa lại)' } : JSON.parse(row.data);
      const fields = {
        eventId: row.event_id,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        type: row.type,
        schemaVersion: row.schema_version,
        data,
        metadata: JSON.parse(row.metadata),
      };
      const hash = eventHash(prevHash, fields);
      db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE global_position = ?').run(
        JSON.stringify(data),
        prevHash,
        hash,
        row.global_position,
      );
      prevHash = hash;
    }
    db.prepare("DELETE FROM events WHERE stream_id = 'dossier-b' AND stream_version = 3").run();
    db.prepare("DELETE FROM events WHERE stream_id = 'dossier-c'").run();
    db.close();

    const plain = cli('audit', 'verify', '--db', copy);
    expect({ status: plain.status, stdout: plain.stdout }).toEqual({
      status: 0,
      stdout: 'ok: 11 events in 4 streams chain\n',
    });

    const run = cli('audit', 'verify', '--checkpoint', checkpointFile, '--public-key', publicKeyFile, '--db', copy);
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^changed dossier-a version 4: /),
      expect.stringMatching(/^truncated dossier-b version 3: .*ends at version 2/),
      expect.stringMatching(/^deleted dossier-c: /),
    ]);
    expect(run.stderr).toMatch(/^ketnap: 3 finding\(s\) against checkpoint cp-\S+\n$/);
  });

  it('refuses a checkpoint file edited to hide a stream, or the wrong public key', () => {
    const doc = JSON.parse(readFileSync(checkpointFile, 'utf8'));
    const forged = join(offsite, 'forged.json');
    writeFileSync(
      forged,
      JSON.stringify({
        ...doc,
        streams: doc.streams.filter((h: { streamId: string }) => h.streamId !== 'dossier-c'),
        streamCount: 3,
      }),
    );
    const run = cli('audit', 'verify', '--checkpoint', forged, '--public-key', publicKeyFile);
    expect({ status: run.status, stderr: run.stderr }).toEqual({
      status: 1,
      stderr: expect.stringMatching(/^ketnap: checkpoint cp-\S+: its stream heads do not hash to its signed head/),
    });
    const otherKey = join(offsite, 'other.pem');
    writeFileSync(otherKey, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const wrong = cli('audit', 'verify', '--checkpoint', checkpointFile, '--public-key', otherKey);
    expect({ status: wrong.status, stderr: wrong.stderr }).toEqual({
      status: 1,
      stderr: expect.stringMatching(/signature does not verify with this public key/),
    });
  });

  it('without a checkpoint still names an event with one changed byte, and exits 1', () => {
    const { copy, db } = copyForAttacker('one-byte.db');
    const row = db.prepare("SELECT data FROM events WHERE stream_id = 'dossier-b' AND stream_version = 2").get() as {
      data: string;
    };
    db.prepare("UPDATE events SET data = ? WHERE stream_id = 'dossier-b' AND stream_version = 2").run(
      row.data.replace('"step":1', '"step":7'),
    );
    db.close();
    const run = cli('audit', 'verify', '--db', copy);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('broken dossier-b version 2: the stored event does not match its hash\n');
    expect(run.stderr).toBe('ketnap: the hash chain is broken in 1 stream(s)\n');
  });
});
