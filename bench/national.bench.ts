import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import pg from 'pg';
import { createVietnamCalendar } from '@ketnap/domain';
import { DossierService, ReportsService, UnitsReader, type ScopedActor } from '@ketnap/engine';
import { PostgresEventStore, PostgresSql, resilientPool } from '@ketnap/event-store';
import { ImportingWriter } from '@ketnap/event-store/testing';
import { DEFAULT_BATCH, ProjectionDatabase, rebuildProjections } from '@ketnap/projections';
import { testColumnCipher, writeSyntheticLog } from '@ketnap/projections/testing';
import { allProjections, cliNodeFlags } from './projections/rebuild.bench';
import { withDatabase } from './store-copy.bench';

/** Vietnam since 01/07/2025: 34 provinces; 34 × 98 = 3,332 communes (3,321 in fact). */
const COUNTRY = { provinces: 34, communes: 98 };
const PROVINCE = 'tinh-01';
const COMMUNE = 'tinh-01-xa-001';
/** The store's schema and the read models' (the app's defaults). */
const LOG_SCHEMA = 'ketnap';
const READ_SCHEMA = 'ketnap_read';
/** Events imported in one transaction. */
const IMPORT_BATCH = 20_000;
/** The reports' "today": the read models answer (an earlier `asOf` would fold the log instead). */
const TODAY = new Date('2024-12-31T03:00:00Z');
const ADMIN: ScopedActor = { role: 'admin', unitIds: [] };
/** A report is asked `requests` times, or fewer when that takes longer than this. */
const REPORT_BUDGET_MS = 90_000;

export interface Latency {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface RelationSize {
  relation: string;
  rows: number;
  tableMiB: number;
  indexesMiB: number;
  totalMiB: number;
}

/** What the child that rebuilds the read models and asks for the reports prints. */
interface ChildResult {
  rebuild: { events: number; seconds: number; eventsPerSecond: number; peakRssMiB: number };
  reports: Record<string, Latency & { rows: number }>;
  peakRssMiB: number;
}

export interface NationalBenchResult {
  country: typeof COUNTRY & { dossiers: number; eventsPerDossier: number };
  generation: { events: number; seconds: number; eventsPerSecond: number; peakRssMiB: number };
  verify: { ok: boolean; events: number; seconds: number; eventsPerSecond: number };
  log: { relations: RelationSize[]; bytesPerEvent: number; mibPerMillionEvents: number };
  readModels: { relations: RelationSize[]; totalMiB: number; mibPerMillionEvents: number };
  databaseMiB: number;
  rebuild: ChildResult['rebuild'];
  reports: ChildResult['reports'];
  load: Record<string, number[]>;
}

/**
 * Issue 19: a national-size log on PostgreSQL. Writes `events` events (dossiers of ~25 events that go all
 * the way, spread over 34 provinces of 98 communes, each commune with 12 branches and a 2024 plan) into a
 * fresh database of the server at `url`: each append sealed as the adapter seals it and imported 20,000
 * events a transaction by the store's `importEvents` (which checks positions and chains), then the whole
 * chain checked by the store's `verify`. Then, in a child process with the `ketnap` command's node flags,
 * every read model rebuilt from the log into PostgreSQL (`ketnap_read`), and the reports' latency asked
 * of the engine's `ReportsService` (no HTTP): a province's quota, pipeline and admissions roll-ups and a
 * commune's quota report, `requests` times each after a warm-up (fewer when that takes over 90 s).
 * Sizes on disk of the log's and the read models' tables and indexes. The database is dropped at the
 * end. Long: 3,000,000 events took 35 min to write, verify and rebuild on the shared 2-core machine, so
 * 10,000,000 take about two hours; not part of the default run (`npm run bench -- --only national`).
 */
export async function benchNational(options: {
  events: number;
  url: string;
  requests?: number;
  log?: (line: string) => void;
}): Promise<NationalBenchResult> {
  const log = options.log ?? (() => undefined);
  const load: Record<string, number[]> = { start: loadavg().map(round2) };
  return withDatabase(options.url, async (url) => {
    log(`database ${new URL(url).pathname.slice(1)}; load average ${load.start.join(' ')}`);
    // A pool of our own, whose connections the database's drop may end without an unhandled error.
    const pool = resilientPool({ connectionString: url, max: 4 });
    const store = new PostgresEventStore({ pool, schema: LOG_SCHEMA });
    try {
      const generation = await generate(store, options.events, log);
      load.afterGeneration = loadavg().map(round2);
      const verify = await verifyLog(store, log);
      load.afterVerify = loadavg().map(round2);
      const admin = new pg.Client({ connectionString: url });
      admin.on('error', () => undefined);
      await admin.connect();
      try {
        const { dossiers } = (
          await admin.query<{ dossiers: number }>(
            `SELECT count(*)::int AS dossiers FROM ${LOG_SCHEMA}.events WHERE stream_version = 1 AND stream_id LIKE 'dossier-%'`,
          )
        ).rows[0];
        const child = rebuildAndAsk(url, options.requests ?? 50, log);
        load.afterReports = loadavg().map(round2);
        const logRelations = await relationSizes(admin, LOG_SCHEMA);
        const readRelations = await relationSizes(admin, READ_SCHEMA);
        const logBytes = logRelations.reduce((sum, r) => sum + r.totalMiB, 0) * 2 ** 20;
        const readMiB = readRelations.reduce((sum, r) => sum + r.totalMiB, 0);
        const { rows } = await admin.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size');
        const millions = generation.events / 1e6;
        return {
          country: { ...COUNTRY, dossiers, eventsPerDossier: round2(generation.events / dossiers) },
          generation,
          verify,
          log: {
            relations: logRelations,
            bytesPerEvent: Math.round(logBytes / generation.events),
            mibPerMillionEvents: Math.round(logBytes / 2 ** 20 / millions),
          },
          readModels: {
            relations: readRelations,
            totalMiB: Math.round(readMiB),
            mibPerMillionEvents: Math.round(readMiB / millions),
          },
          databaseMiB: Math.round(Number(rows[0].size) / 2 ** 20),
          rebuild: child.rebuild,
          reports: child.reports,
          load,
        };
      } finally {
        await admin.end();
      }
    } finally {
      await store.close();
      await pool.end();
    }
  });
}

/** Writes the national log through an {@link ImportingWriter}, with a progress line every million events. */
async function generate(
  store: PostgresEventStore,
  events: number,
  log: (line: string) => void,
): Promise<NationalBenchResult['generation']> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  let reported = 0;
  const writer = await ImportingWriter.open(store, {
    batch: IMPORT_BATCH,
    onFlush: (position) => {
      if (position - reported < 1_000_000) return;
      reported = position;
      const rate = position / seconds();
      log(
        `generated ${position.toLocaleString('en-US')} events, ${Math.round(rate).toLocaleString('en-US')} events/s, ` +
          `about ${Math.round((events - position) / rate)} s left; load ${loadavg().map(round2).join(' ')}`,
      );
    },
  });
  // ~23 events a dossier when every one goes all the way (some are withdrawn or refused early).
  const written = await writeSyntheticLog(writer, {
    dossiers: Math.ceil(events / 20),
    maxEvents: events,
    inProgress: 0,
    country: COUNTRY,
    seed: 2024,
  });
  await writer.flush();
  const took = seconds();
  log(`log written: ${written.toLocaleString('en-US')} events in ${took.toFixed(0)} s`);
  return {
    events: written,
    seconds: Math.round(took),
    eventsPerSecond: Math.round(written / took),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The store's `verify` over the whole log: every event's hash recomputed and its chain followed. */
async function verifyLog(
  store: PostgresEventStore,
  log: (line: string) => void,
): Promise<NationalBenchResult['verify']> {
  const started = process.hrtime.bigint();
  const result = await store.verify();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`verify: ok ${result.ok}, ${result.events.toLocaleString('en-US')} events in ${seconds.toFixed(0)} s`);
  if (!result.ok) throw new Error(`the generated log does not verify: ${JSON.stringify(result)}`);
  return {
    ok: result.ok,
    events: result.events,
    seconds: Math.round(seconds),
    eventsPerSecond: Math.round(result.events / seconds),
  };
}

/** Runs the child (this file with `--child`) with the `ketnap` command's node flags. */
function rebuildAndAsk(url: string, requests: number, log: (line: string) => void): ChildResult {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, ...cliNodeFlags(), __filename, '--child', url, String(requests)],
    // Its progress lines go to standard error, shown as they come; its result is its last line of output.
    { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`the rebuild and reports child failed (exit ${child.status})`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
  log(
    `rebuild: ${result.rebuild.eventsPerSecond.toLocaleString('en-US')} events/s, peak RSS ${result.rebuild.peakRssMiB} MiB`,
  );
  return result;
}

/** In the child: every read model rebuilt into `ketnap_read`, then the reports asked `requests` times each. */
async function rebuildThenAsk(url: string, requests: number): Promise<ChildResult> {
  const say = (line: string) => process.stderr.write(`  ${line}\n`);
  const store = new PostgresEventStore({ connectionString: url, schema: LOG_SCHEMA });
  const pdb = await ProjectionDatabase.open(await PostgresSql.open({ url, schema: READ_SCHEMA }));
  try {
    const started = process.hrtime.bigint();
    let lastSaid = 0;
    const { events } = await rebuildProjections(store, pdb, allProjections(), {
      batchSize: DEFAULT_BATCH,
      onProgress: (p) => {
        if (Date.now() - lastSaid < 60_000) return;
        lastSaid = Date.now();
        say(
          `rebuild: ${p.position.toLocaleString('en-US')} of ${p.head.toLocaleString('en-US')}, ${p.eventsPerSecond.toLocaleString('en-US')} events/s, ` +
            `about ${p.etaSeconds === null ? '?' : Math.round(p.etaSeconds)} s left; load ${loadavg().map(round2).join(' ')}`,
        );
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rebuild = {
      events,
      seconds: Math.round(seconds),
      eventsPerSecond: Math.round(events / seconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    say(
      `rebuild: ${events.toLocaleString('en-US')} events in ${seconds.toFixed(0)} s, peak RSS ${rebuild.peakRssMiB} MiB`,
    );
    return {
      rebuild,
      reports: await askReports(store, pdb, requests, say),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await pdb.close();
    await store.close();
  }
}

/** The reports asked of a database whose log and read models are there already. */
async function reportsOnly(url: string, requests: number): Promise<ChildResult['reports']> {
  const store = new PostgresEventStore({ connectionString: url, schema: LOG_SCHEMA });
  const pdb = await ProjectionDatabase.open(await PostgresSql.open({ url, schema: READ_SCHEMA }));
  try {
    return await askReports(store, pdb, requests, (line) => process.stderr.write(`  ${line}\n`));
  } finally {
    await pdb.close();
    await store.close();
  }
}

/** The reports' latencies: each asked once to warm up, then `requests` times (fewer past the budget). */
async function askReports(
  store: PostgresEventStore,
  pdb: ProjectionDatabase,
  requests: number,
  say: (line: string) => void,
): Promise<ChildResult['reports']> {
  const clock = { now: () => new Date(TODAY) };
  const reports = new ReportsService(
    pdb,
    testColumnCipher(),
    new DossierService(store, clock, createVietnamCalendar()),
    new UnitsReader(store),
    clock,
  );
  const asked: ChildResult['reports'] = {};
  const ask = async (name: string, request: () => Promise<unknown>, rowsOf: (answer: never) => number) => {
    const first = process.hrtime.bigint();
    const answer = await request(); // warm-up: the unit catalog folded, connections open
    say(`${name}: first request ${(Number(process.hrtime.bigint() - first) / 1e6).toFixed(0)} ms`);
    const times: number[] = [];
    const until = Date.now() + REPORT_BUDGET_MS;
    for (let n = 0; n < requests && Date.now() < until; n += 1) {
      const t = process.hrtime.bigint();
      await request();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    asked[name] = { ...latency(times), rows: rowsOf(answer as never) };
    say(`${name}: p50 ${asked[name].p50Ms} ms, p99 ${asked[name].p99Ms} ms over ${times.length} requests`);
  };
  await ask(
    `province quota roll-up (${PROVINCE})`,
    () => reports.committeeQuota(PROVINCE, 2024, ADMIN),
    (a: { committees: unknown[] }) => a.committees.length,
  );
  await ask(
    `commune quota report (${COMMUNE})`,
    () => reports.committeeQuota(COMMUNE, 2024, ADMIN),
    (a: { units: unknown[] }) => a.units.length,
  );
  await ask(
    `province pipeline roll-up (${PROVINCE})`,
    () => reports.committeePipeline(PROVINCE, ADMIN),
    (a: { committees: unknown[] }) => a.committees.length,
  );
  await ask(
    `province admissions roll-up (${PROVINCE})`,
    () => reports.committeeAdmissions(PROVINCE, 2024, ADMIN),
    (a: { committees: unknown[] }) => a.committees.length,
  );
  return asked;
}

function latency(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
  return { requests: times.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

/** Every table of `schema` with its rows (estimated), heap, indexes and total (TOAST included) on disk. */
async function relationSizes(client: pg.Client, schema: string): Promise<RelationSize[]> {
  await client.query(`ANALYZE`);
  const { rows } = await client.query<{ relation: string; rows: string; heap: string; indexes: string; total: string }>(
    `SELECT c.relname AS relation, c.reltuples::bigint AS rows, pg_table_size(c.oid) AS heap,
            pg_indexes_size(c.oid) AS indexes, pg_total_relation_size(c.oid) AS total
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`,
    [schema],
  );
  const mib = (bytes: string) => Math.round((Number(bytes) / 2 ** 20) * 10) / 10;
  return rows.map((r) => ({
    relation: r.relation,
    rows: Number(r.rows),
    tableMiB: mib(r.heap),
    indexesMiB: mib(r.indexes),
    totalMiB: mib(r.total),
  }));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * `node -r ./test/support/register-ts.js bench/national.bench.ts [EVENTS [POSTGRES_URL]]`: this bench alone
 * (default 10,000,000 events on the test server); with `--child URL REQUESTS` it is the child that
 * rebuilds the read models and asks for the reports; `--reports URL [REQUESTS]` only asks for the reports,
 * of a database this bench filled whose read models are built.
 */
if (require.main === module) {
  const args = process.argv.slice(2);
  const fail = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  };
  if (args[0] === '--child') {
    rebuildThenAsk(args[1], Number(args[2])).then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      fail,
    );
  } else if (args[0] === '--reports') {
    reportsOnly(args[1], Number(args[2] ?? 50)).then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      fail,
    );
  } else {
    benchNational({
      events: Number(args[0] ?? 10_000_000),
      url: args[1] ?? 'postgres://postgres@127.0.0.1:5432/test',
      log: (line) => process.stdout.write(`${line}\n`),
    }).then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`), fail);
  }
}
