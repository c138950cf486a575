import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresEventStore, SqliteEventStore } from '@ketnap/event-store';
import { describeWithService } from './support/services';
import { runKetnap } from './support/cli-process';

/** Every row of a store's events and idempotency records, as stored. */
function storedRows(path: string): { events: unknown[]; commands: unknown[] } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      events: db.prepare('SELECT * FROM events ORDER BY global_position').all(),
      commands: db.prepare('SELECT * FROM commands ORDER BY command_id').all(),
    };
  } finally {
    db.close();
  }
}

describe('ketnap store copy', () => {
  jest.setTimeout(120_000); // the demo and every copy spawn the CLI, a few seconds each on a loaded machine
  let root: string;
  let dataDir: string;
  let sourcePath: string;
  let env: Record<string, string>;
  let head: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ketnap-store-copy-'));
    dataDir = join(root, 'data');
    sourcePath = join(dataDir, 'ketnap.db');
    env = { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' };
    expect(runKetnap(['demo'], env, { timeoutMs: 120_000 })).toMatchObject({ status: 0 });
    const source = new SqliteEventStore({ path: sourcePath, readonly: true });
    head = await source.headPosition();
    await source.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('copies the demo log with every row kept, shows its progress, and checks the copy', () => {
    const target = join(root, 'copy.db');
    const run = runKetnap(['store', 'copy', '--to', target, '--batch', '50'], env);
    expect(run.status).toBe(0);
    expect(head).toBeGreaterThan(300);
    expect(run.stderr).toContain(`store copy → ${target} [########################] 100% ${head}/${head} events`);
    expect(run.stdout).toMatch(
      new RegExp(`^copied ${head} events in [\\d.]+ s \\([\\d,]+ events/s\\); the target is at position ${head}\\n`),
    );
    expect(run.stdout).toMatch(
      new RegExp(`ok: the copy matches its source: ${head} events in \\d+ streams chain, head position ${head}\\n$`),
    );
    expect(storedRows(target)).toEqual(storedRows(sourcePath));
  });

  it('finishes a copy that stopped midway, without duplicates', async () => {
    const target = join(root, 'resumed.db');
    const source = new SqliteEventStore({ path: sourcePath, readonly: true });
    const partial = new SqliteEventStore({ path: target });
    await partial.importEvents((await source.readAll({ limit: 100 })).events);
    await Promise.all([source.close(), partial.close()]);
    const run = runKetnap(['store', 'copy', '--to', `sqlite:${target}`], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("the target holds the source's first 100 events: resuming at position 101\n");
    expect(run.stdout).toContain(`copied ${head - 100} events`);
    expect(storedRows(target)).toEqual(storedRows(sourcePath));
    const again = runKetnap(['store', 'copy', '--to', target], { KETNAP_DATA_DIR: dataDir });
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('đã chép 0 sự kiện');
    expect(storedRows(target)).toEqual(storedRows(sourcePath));
  });

  it('refuses a target that holds other events, and leaves it as it was', async () => {
    const target = join(root, 'other.db');
    const other = new SqliteEventStore({ path: target });
    await other.append('dossier-elsewhere', [{ type: 'CandidateNominated', data: {} }], {
      expectedVersion: 'no-stream',
    });
    await other.close();
    const before = storedRows(target);
    const run = runKetnap(['store', 'copy', '--to', target], env);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: `ketnap: the target ${target} is not a copy of this store (its event at position 1 is not the source's): copy to an empty target\n`,
    });
    expect(storedRows(target)).toEqual(before);
  });

  it('refuses the configured store itself and an unknown kind of target', () => {
    const itself = runKetnap(['store', 'copy', '--to', join(dataDir, '..', 'data', 'ketnap.db')], env);
    expect(itself).toMatchObject({ status: 2, stderr: expect.stringContaining('is the configured store itself') });
    expect(runKetnap(['store', 'copy', '--to', 'mysql://db'], env)).toMatchObject({ status: 2 });
    expect(runKetnap(['store', 'copy', '--to', join(root, 'x.db'), '--batch', '0'], env)).toMatchObject({
      status: 2,
      stderr: 'ketnap: --batch must be a whole number from 1 (got "0")\n',
    });
    expect(existsSync(join(root, 'x.db'))).toBe(false);
    const empty = runKetnap(['store', 'copy', '--to', join(root, 'y.db')], {
      ...env,
      KETNAP_DATA_DIR: join(root, 'none'),
    });
    expect(empty).toMatchObject({ status: 1, stderr: expect.stringContaining('nothing to copy') });
    const memory = runKetnap(['store', 'copy', '--to', join(root, 'y.db')], { ...env, KETNAP_EVENT_STORE: 'memory' });
    expect(memory).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('the memory store lives in the server'),
    });
    expect(existsSync(join(root, 'y.db'))).toBe(false);
  });

  describeWithService('postgres', 'to PostgreSQL', (url) => {
    const database = `ketnap_copy_${randomUUID().slice(0, 8)}`;
    const admin = () => new Client({ connectionString: url });
    const targetUrl = () => {
      const u = new URL(url);
      u.pathname = `/${database}`;
      return u.toString();
    };

    beforeAll(async () => {
      const client = admin();
      await client.connect();
      await client.query(`CREATE DATABASE ${database}`);
      await client.end();
    });
    afterAll(async () => {
      const client = admin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    });

    it('copies the demo log into a new database with ids, versions, positions and hashes kept, and checks it', async () => {
      const run = runKetnap(['store', 'copy', '--to', targetUrl(), '--batch', '100'], env);
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toMatch(
        new RegExp(`ok: the copy matches its source: ${head} events in \\d+ streams chain, head position ${head}\\n$`),
      );
      const source = new SqliteEventStore({ path: sourcePath, readonly: true });
      const target = new PostgresEventStore({ connectionString: targetUrl() });
      try {
        expect((await target.readAll({ limit: head + 10 })).events).toEqual(
          (await source.readAll({ limit: head + 10 })).events,
        );
        expect(await target.verify()).toMatchObject({ ok: true, events: head });
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
      const again = runKetnap(['store', 'copy', '--to', targetUrl()], env);
      expect(again.status).toBe(0);
      expect(again.stdout).toContain('copied 0 events');
    });
  });
});
