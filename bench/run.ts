// `npm run bench`: runs the benchmarks, prints a table each and writes bench/results/<name>-<time>.json.
// Figures are compared as ratios measured in one run; never as timed assertions in tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { benchAppends } from './event-store.bench';
import { benchPostgresAppends, benchPostgresUrl, postgresUnreachable } from './event-store-postgres.bench';
import { benchDeadlineSweep, benchRedisUrl } from './scheduling-saga/deadline-sweep.bench';
import { benchRebuild } from './projections/rebuild.bench';
import { benchHttp } from './http/http.bench';
import { benchStoreCopy, storeCopyPostgresUrl } from './store-copy.bench';
import { benchPersonalData } from './personal-data.bench';
import { benchNational } from './national.bench';

const quick = process.argv.includes('--quick');
/**
 * `--only rebuild` (or `appends`, `pg-appends`, `saga`, `copy`, `http`, `personal`): one benchmark of the seven.
 * `--only national` runs the national-size log, which the default run leaves out.
 */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const runs = (name: string) => only === undefined || only === name;

async function main(): Promise<void> {
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), machine };

  if (runs('appends')) {
    process.stdout.write('event store: SQLite adapter vs raw better-sqlite3 (appends/s, median of rounds)\n');
    const appends = await benchAppends(
      quick ? { normal: 2000, full: 200, rounds: 1 } : { normal: 20000, full: 2000, rounds: 3 },
    );
    console.table(appends);
    results.eventStoreAppends = appends;
  }

  if (runs('pg-appends')) {
    const url = benchPostgresUrl();
    const unreachable = await postgresUnreachable(url);
    if (unreachable) {
      process.stdout.write(`event store: PostgreSQL adapter bench SKIPPED: ${unreachable}\n`);
      results.postgresAppends = { skipped: unreachable };
    } else {
      process.stdout.write(
        'event store: PostgreSQL adapter vs raw pg INSERTs, 1 and 8 writers (appends/s, median of rounds)\n',
      );
      const pgAppends = await benchPostgresAppends(
        quick ? { url, appends: 2000, rounds: 1 } : { url, appends: 4000, rounds: 9 },
      );
      console.table(pgAppends);
      results.postgresAppends = pgAppends;
    }
  }

  if (runs('saga')) {
    const deadlines = quick ? 10_000 : 100_000;
    process.stdout.write(
      `deadline saga: ${deadlines} armed deadlines per timer adapter (arming, memory, sweep, firing lateness)\n`,
    );
    const saga = await benchDeadlineSweep({ count: deadlines, redisUrl: await benchRedisUrl() });
    console.table(
      Object.fromEntries(Object.entries(saga).map(([adapter, r]) => [adapter, flatten(r as Record<string, unknown>)])),
    );
    results.deadlineSaga = saga;
  }

  if (runs('rebuild')) {
    const events = quick ? 100_000 : 1_000_000;
    process.stdout.write(
      `read models: rebuild from position 0 on ${events.toLocaleString('en-US')} SQLite events (events/s, peak RSS)\n`,
    );
    // KETNAP_BENCH_POSTGRES_URL adds two rows: all six rebuilt into a PostgreSQL schema, from the SQLite log and from a PostgreSQL copy of it.
    const rebuild = await benchRebuild({
      events,
      postgresUrl: process.env.KETNAP_BENCH_POSTGRES_URL,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    console.table(rebuild.rows);
    process.stdout.write(`  peak RSS of the whole run (log generation included): ${rebuild.maxRssMiB} MiB\n`);
    results.projectionRebuild = rebuild;
  }

  if (runs('copy')) {
    const events = quick ? 100_000 : 1_000_000;
    process.stdout.write(
      `store copy: ketnap store copy of ${events.toLocaleString('en-US')} SQLite events into a SQLite file and a new PostgreSQL database (events/s); the app on the source and on the PostgreSQL copy answers the same reports\n`,
    );
    const copy = await benchStoreCopy({
      events,
      postgresUrl: storeCopyPostgresUrl(),
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    console.table(copy.rows);
    results.storeCopy = copy;
  }

  if (runs('personal')) {
    const events = quick ? 20_000 : 200_000;
    process.stdout.write(
      `personal data: plain vs sealed personal parts on SQLite, appends/s and events/s on ${events.toLocaleString('en-US')} events (median of rounds)\n`,
    );
    const personal = await benchPersonalData({
      appends: quick ? 2000 : 20_000,
      events,
      rounds: quick ? 1 : 5,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    console.table(personal.rows);
    results.personalData = personal;
  }

  if (runs('http')) {
    const seconds = quick ? 3 : 10;
    process.stdout.write(
      `HTTP: wrk, 2 threads, 32 connections, ${seconds} s a scenario, against npm start's app (worker in process)\n`,
    );
    const http = await benchHttp({ seconds, connections: 32, log: (line) => process.stdout.write(`  ${line}\n`) });
    console.table(http.rows);
    results.http = http;
  }

  // Not in the default run: 10,000,000 events take about two hours on the 2-core machine (issue 19).
  if (only === 'national') {
    const events = quick ? 1_000_000 : 10_000_000;
    const url = benchPostgresUrl();
    process.stdout.write(
      `national: ${events.toLocaleString('en-US')} events on PostgreSQL (generation, verify, rebuild, report latency, sizes)\n`,
    );
    const national = await benchNational({ events, url, log: (line) => process.stdout.write(`  ${line}\n`) });
    console.table({ ...national.reports, rebuild: national.rebuild });
    results.national = national;
  }

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`written ${file}\n`);
}

/** `{ arm: { ms } }` → `{ 'arm.ms' }`, for one table row. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) =>
      v && typeof v === 'object'
        ? Object.entries(flatten(v as Record<string, unknown>, `${prefix}${k}.`))
        : [[`${prefix}${k}`, v]],
    ),
  );
}

if (
  only !== undefined &&
  !['appends', 'pg-appends', 'saga', 'rebuild', 'copy', 'personal', 'http', 'national'].includes(only)
) {
  process.stderr.write(
    `bench: --only takes appends, pg-appends, saga, rebuild, copy, personal, http or national (got ${JSON.stringify(only)})\n`,
  );
  process.exit(2);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
