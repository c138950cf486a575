import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type Database from 'better-sqlite3';
import { ProjectionDatabase } from '@ketnap/projections';
import { EmbeddedTimerScheduler } from '@ketnap/scheduling';
import type { EventStore } from '@ketnap/event-store';
import { resolveAuthSecret } from '../auth/auth-secret';
import { SystemClock } from '../clock/clock';
import { loadConfig } from '../config/config';
import { openDeadlinesDb } from '../deadlines/deadlines.providers';
import { projectionsPath } from '../read-models/read-models.tokens';
import { createEventStore } from './event-store.provider';
import { openPersonalKeyring } from '../personal/personal-keys';

/** Every folder and file under `root`, with its permission bits as octal text. */
function modesUnder(root: string): Record<string, string> {
  const modes: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      modes[relative(root, path)] = (statSync(path).mode & 0o777).toString(8);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(root);
  return modes;
}

/** Opens every store ketnap keeps in the data dir as the app does, and writes to each so WAL and SHM exist. */
async function openEverything(dataDir: string) {
  const config = loadConfig({ KETNAP_DATA_DIR: dataDir, KETNAP_WORKER: 'on' });
  resolveAuthSecret(config);
  const keys = await openPersonalKeyring(config);
  await keys.keyring.keyFor('dossier-modes');
  const store: EventStore = createEventStore(config, new SystemClock());
  await store.append('data-dir-test', [{ type: 'DataDirTested', data: {} }], { expectedVersion: 'no-stream' });
  const projections = await ProjectionDatabase.openSqlite(projectionsPath(config));
  const deadlines: Database.Database = openDeadlinesDb(config);
  deadlines.exec('CREATE TABLE probe (x)');
  const scheduler = new EmbeddedTimerScheduler({ path: join(dataDir, 'scheduler', 'timers.db') });
  return async () => {
    await store.close();
    await keys.database.close();
    await projections.close();
    deadlines.close();
    await scheduler.close();
  };
}

// The data dir holds personal data and the signing secret: other accounts on the host must not read it,
// whatever umask the process runs with (0 here, the most permissive one).
describe('files at rest in the data dir', () => {
  let root: string;
  let umask: number;
  let close: (() => Promise<void>) | undefined;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ketnap-modes-'));
    umask = process.umask(0);
  });
  afterEach(async () => {
    await close?.();
    close = undefined;
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data dir and its parents 0700, and every database, WAL, SHM and secret file 0600', async () => {
    close = await openEverything(join(root, 'srv', 'ketnap'));
    const modes = modesUnder(root);
    const databases = ['ketnap.db', 'projections.db', 'timers.db', 'scheduler/timers.db', 'personal-keys.db'];
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining(
        databases.flatMap((db) => ['', '-wal', '-shm'].map((suffix) => `srv/ketnap/${db}${suffix}`)),
      ),
    );
    expect(Object.keys(modes)).toContain('srv/ketnap/auth-secret');
    expect(Object.keys(modes)).toContain('srv/ketnap/master-key');
    for (const [path, mode] of Object.entries(modes)) {
      const folder = statSync(join(root, path)).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: folder ? '700' : '600' });
    }
  });

  it('leaves the mode of a data dir the operator created as it is, and keeps the files in it private', async () => {
    const dataDir = join(root, 'operator');
    mkdirSync(dataDir, { mode: 0o750 });
    close = await openEverything(dataDir);
    const modes = modesUnder(root);
    expect(modes).toMatchObject({
      operator: '750',
      'operator/ketnap.db': '600',
      'operator/ketnap.db-wal': '600',
      'operator/scheduler': '700',
    });
  });
});
