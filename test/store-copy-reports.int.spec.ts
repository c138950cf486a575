import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SqliteEventStore, newMasterKeyText } from '@ketnap/event-store';
import { writeSyntheticLog } from '@ketnap/projections/testing';
import { describeWithService } from './support/services';
import { runKetnap } from './support/cli-process';
import { sameReportsAfterCopy } from './support/same-reports';

/** One master key for the source and its copy: the key table is copied wrapped by it (README, moving a deployment). */
const MASTER_KEY = newMasterKeyText();

const EVENTS = 6_000;

/** Issue 16's acceptance on a log CI can afford: bench/store-copy.bench.ts runs it on 1,000,000 events. */
describeWithService(
  'postgres',
  'ketnap store copy to PostgreSQL: the app on the copy answers the same reports',
  (url) => {
    jest.setTimeout(180_000);
    const database = `ketnap_copy_reports_${randomUUID().slice(0, 8)}`;
    const targetUrl = Object.assign(new URL(url), { pathname: `/${database}` }).toString();
    const admin = async (sql: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    let root: string;

    beforeAll(async () => {
      root = mkdtempSync(join(tmpdir(), 'ketnap-copy-reports-'));
      await admin(`CREATE DATABASE ${database}`);
    });
    afterAll(async () => {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(root, { recursive: true, force: true });
    });

    it('the app run on the SQLite log, then on its PostgreSQL copy (chain checked there), answers every report the same', async () => {
      const dataDir = join(root, 'data');
      const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
      await writeSyntheticLog(store, { dossiers: Math.ceil(EVENTS / 15), maxEvents: EVENTS, seed: 2024 });
      await store.close();
      const targetDir = join(root, 'target-data');
      mkdirSync(targetDir);
      let copied = '';
      const result = await sameReportsAfterCopy({
        sourceEnv: { KETNAP_EVENT_STORE: 'sqlite', KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: MASTER_KEY },
        targetEnv: {
          KETNAP_EVENT_STORE: 'postgres',
          DATABASE_URL: targetUrl,
          KETNAP_DATA_DIR: targetDir,
          KETNAP_MASTER_KEY: MASTER_KEY,
        },
        copy: () => {
          const run = runKetnap(['store', 'copy', '--to', targetUrl], {
            KETNAP_DATA_DIR: dataDir,
            KETNAP_MASTER_KEY: MASTER_KEY,
            KETNAP_LANG: 'en',
          });
          copied = run.status === 0 ? run.stdout : `exit ${run.status}: ${run.stderr}`;
        },
        timeoutMs: 120_000,
      });
      // the source's first run appended the breaches its clock made due: the log copied holds them
      const head = result.head.source.toLocaleString('en-US');
      expect(result.head.source).toBeGreaterThan(EVENTS);
      expect(copied).toMatch(
        new RegExp(
          `ok: the copy matches its source: ${head} events in [\\d,]+ streams chain, head position ${head}\\n$`,
        ),
      );
      expect(result.head.target).toBe(result.head.source);
      expect(result.reports.filter((r) => !r.same || r.status !== 200)).toEqual([]);
      expect(result.same).toBe(true);
      // the reports compared hold something: every dossier in the list, breached deadlines on the board
      expect(result.reports.find((r) => r.path === '/api/v1/dossiers?limit=500')?.size).toBe(Math.ceil(EVENTS / 15));
      expect(result.reports.find((r) => r.path.includes('/deadlines?status=breached'))?.size).toBeGreaterThan(0);
    });
  },
);
