import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sameReportsAfterCopy, type SameReportsResult } from '../test/support/same-reports';
import { BENCH_MASTER_KEY, cliNodeFlags, writeBenchLog } from './projections/rebuild.bench';
import { postgresUnreachable } from './event-store-postgres.bench';

/**
 * One master key for the source and its copy: the key table is copied wrapped by it (README, moving a
 * deployment); the benches' log is sealed with it.
 */
const MASTER_KEY = BENCH_MASTER_KEY;

export interface StoreCopyBenchRow {
  target: string;
  batch: number;
  events: number;
  copySeconds: number;
  eventsPerSecond: number;
  /** The whole command: the copy, then the target's chain verified and the source's log counted. */
  commandSeconds: number;
}

const REPO = join(__dirname, '..');
const COPIED = /copied ([\d,]+) events in ([\d.]+) s/;

/** The PostgreSQL server the copy goes to: KETNAP_BENCH_POSTGRES_URL, else the test server. */
export const storeCopyPostgresUrl = (): string =>
  process.env.KETNAP_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * `ketnap store copy` from a realistic SQLite log of `events` events (the rebuild bench's synthetic
 * log) into a fresh SQLite file, run as the command runs (a child process with its node flags). The
 * copy's rate is the command's own figure; the command's time adds the check of the copy. With
 * `postgresUrl`, also into a fresh PostgreSQL database, then issue 16's acceptance: the app started on
 * the source and on the copy rebuilds its read models and answers the same reports. That part is long
 * on 1,000,000 events: the app's first run on the source waits for its deadline saga, which records the
 * breaches its clock made due (tens of thousands) and went at about 800 events/s on a loaded 2-core
 * machine (about 20 minutes), and the copy's app rebuilds everything on PostgreSQL.
 */
export async function benchStoreCopy(options: {
  events: number;
  batches?: number[];
  /** Also copies into a fresh database of this PostgreSQL server and compares the reports of both apps. */
  postgresUrl?: string;
  /** How long each app may take to catch up with the log (default 30 min). */
  catchUpTimeoutMs?: number;
  log?: (line: string) => void;
}): Promise<{
  rows: StoreCopyBenchRow[];
  writeSeconds: number;
  reports?: SameReportsResult | { skipped: string };
}> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-copy-'));
  try {
    const dataDir = join(dir, 'data');
    const { events, writeSeconds } = await writeBenchLog(join(dataDir, 'ketnap.db'), options.events, options.log);
    const rows: StoreCopyBenchRow[] = [];
    for (const batch of options.batches ?? [2000]) {
      rows.push(copyRow('sqlite', dataDir, join(dir, `copy-${batch}.db`), batch, events, options.log));
    }
    let reports: SameReportsResult | { skipped: string } | undefined;
    if (options.postgresUrl) {
      const unreachable = await postgresUnreachable(options.postgresUrl);
      if (unreachable) {
        options.log?.(`to PostgreSQL SKIPPED: ${unreachable}`);
        reports = { skipped: unreachable };
      } else {
        reports = await withDatabase(options.postgresUrl, async (targetUrl) => {
          const targetDir = join(dir, 'target-data');
          mkdirSync(targetDir);
          const result = await sameReportsAfterCopy({
            sourceEnv: { KETNAP_EVENT_STORE: 'sqlite', KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: MASTER_KEY },
            targetEnv: {
              KETNAP_EVENT_STORE: 'postgres',
              DATABASE_URL: targetUrl,
              KETNAP_DATA_DIR: targetDir,
              KETNAP_MASTER_KEY: MASTER_KEY,
            },
            copy: () =>
              rows.push(copyRow('postgres', dataDir, targetUrl, options.batches?.[0] ?? 2000, events, options.log)),
            timeoutMs: options.catchUpTimeoutMs ?? 30 * 60_000,
            log: options.log,
          });
          for (const r of result.reports) {
            const difference = r.difference ? `: ${r.difference}` : '';
            options.log?.(`${r.same ? 'same' : 'DIFFERENT'} ${r.status} ${r.path} (${r.size} rows)${difference}`);
          }
          options.log?.(
            `the app on the source and on the copy: ${result.same ? 'every report the same' : 'DIFFERENT'} (${result.reports.length} reports compared)`,
          );
          return result;
        });
      }
    }
    return { rows, writeSeconds: Number(writeSeconds.toFixed(1)), ...(reports && { reports }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One `ketnap store copy --to <target>` of the source in `dataDir`, timed; its output lines are logged. */
function copyRow(
  kind: string,
  dataDir: string,
  target: string,
  batch: number,
  events: number,
  log?: (line: string) => void,
): StoreCopyBenchRow {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      ...cliNodeFlags(),
      '-r',
      join(REPO, 'test/support/register-ts.js'),
      join(REPO, 'apps/cli/src/main.ts'),
      'store',
      'copy',
      '--to',
      target,
      '--batch',
      String(batch),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: MASTER_KEY, KETNAP_LANG: 'en' },
    },
  );
  const commandSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const copied = COPIED.exec(child.stdout);
  if (child.status !== 0 || !copied) throw new Error(`store copy to ${kind} failed: ${child.stderr}`);
  log?.(child.stdout.trim().split('\n').join(' | '));
  const copySeconds = Number(copied[2]);
  return {
    target: kind,
    batch,
    events: Number(copied[1].replace(/,/g, '')),
    copySeconds,
    eventsPerSecond: Math.round(events / copySeconds),
    commandSeconds: Number(commandSeconds.toFixed(1)),
  };
}

/** Runs `body` on a fresh database `ketnap_bench_<random>` of the server at `url`, dropped after. */
export async function withDatabase<T>(url: string, body: (databaseUrl: string) => Promise<T>): Promise<T> {
  const database = `ketnap_bench_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${database}`);
  try {
    return await body(Object.assign(new URL(url), { pathname: `/${database}` }).toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

/** `node -r ./test/support/register-ts.js bench/store-copy.bench.ts [EVENTS] [BATCH…]`: this bench alone. */
if (require.main === module) {
  const [events, ...batches] = process.argv.slice(2).map(Number);
  benchStoreCopy({
    events: events || 1_000_000,
    batches: batches.length > 0 ? batches : undefined,
    postgresUrl: storeCopyPostgresUrl(),
    log: (line) => process.stdout.write(`${line}\n`),
  }).then(
    ({ rows, reports }) => {
      console.table(rows);
      if (reports && 'reports' in reports) console.table(reports.reports);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
