// `npm run bench`: runs the benchmarks, records them in bench/results/latest.json and regenerates the
// README's table. `-- --only NAME` runs one and keeps the others' last figures. `-- --quick` runs them
// small, to check they work: its figures are printed and written to bench/results/quick.json only.
// Figures are compared as ratios measured in one run; never as timed assertions in tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchAppends } from './event-store.bench';
import { benchPostgresAppends, benchPostgresUrl, postgresUnreachable } from './event-store-postgres.bench';
import { benchDeadlineSweep, benchRedisUrl } from './scheduling-saga/deadline-sweep.bench';
import { benchRebuild } from './projections/rebuild.bench';
import { benchHttp } from './http/http.bench';
import { benchStoreCopy, storeCopyPostgresUrl } from './store-copy.bench';
import { benchPersonalData } from './personal-data.bench';
import { benchNational } from './national.bench';
import {
  benchTable,
  mergeRecord,
  withBenchTable,
  type BenchEntry,
  type BenchRecord,
  type BenchRow,
  type Machine,
} from './report';

type Log = (line: string) => void;

/** One benchmark: what it measures (printed first), how it runs, and the table's rows of what it returned. */
interface Benchmark<T> {
  name: string;
  title: (quick: boolean) => string;
  /** What the benchmark returned, or why it could not run (its last figures are kept). */
  run: (quick: boolean, log: Log) => Promise<T | { skipped: string }>;
  rows: (detail: T) => BenchRow[];
  /** Left out of the default run (hours long): run with `--only NAME`. */
  onlyAlone?: boolean;
}

/** Types an entry's `rows` by what its `run` returns; the list then holds them all alike. */
const benchmark = <T>(b: Benchmark<T>) => b as Benchmark<unknown>;

/** Every benchmark, in the table's order: adding one is adding an entry here. */
export const BENCHMARKS = [
  benchmark({
    name: 'http',
    title: (quick) =>
      `HTTP: wrk, 2 threads, 32 connections, ${quick ? 3 : 10} s a scenario, against npm start's app (worker in process)`,
    run: (quick, log) => benchHttp({ seconds: quick ? 3 : 10, connections: 32, log }),
    rows: ({ rows }) => {
      const [ceiling, ...scenarios] = rows;
      return scenarios.flatMap((r) => [
        { case: r.scenario, ketnap: r.requestsPerSecond, baseline: ceiling.requestsPerSecond, unit: 'requests/s' },
        { case: `${r.scenario}, p50`, ketnap: r.p50ms, baseline: ceiling.p50ms, unit: 'ms' },
        { case: `${r.scenario}, p99`, ketnap: r.p99ms, baseline: ceiling.p99ms, unit: 'ms' },
      ]);
    },
  }),
  benchmark({
    name: 'appends',
    title: () => 'event store: SQLite adapter vs raw better-sqlite3 (appends/s, median of rounds)',
    run: (quick) =>
      benchAppends(quick ? { normal: 2000, full: 200, rounds: 1 } : { normal: 20000, full: 2000, rounds: 3 }),
    rows: (rows) =>
      rows.map((r) => ({
        case: `${r.case}, synchronous=${r.synchronous} (${r.appends.toLocaleString('en-US')})`,
        ketnap: r.enginePerSecond,
        baseline: r.rawPerSecond,
        unit: 'appends/s',
      })),
  }),
  benchmark({
    name: 'pg-appends',
    title: () => 'event store: PostgreSQL adapter vs raw pg INSERTs, 1 and 8 writers (appends/s, median of rounds)',
    run: async (quick) => {
      const url = benchPostgresUrl();
      const unreachable = await postgresUnreachable(url);
      if (unreachable) return { skipped: unreachable };
      return benchPostgresAppends(quick ? { url, appends: 2000, rounds: 1 } : { url, appends: 4000, rounds: 9 });
    },
    rows: (rows) =>
      rows.flatMap((r) => {
        const name = `${r.writers} writer${r.writers > 1 ? 's' : ''}, ${r.case}`;
        return [
          { case: name, ketnap: r.adapterPerSecond, baseline: r.rawPerSecond, unit: 'appends/s' },
          { case: `${name}, Node CPU`, ketnap: r.adapterNodeUs, baseline: r.rawNodeUs, unit: 'µs/append' },
          ...(r.adapterServerUs === null || r.rawServerUs === null
            ? []
            : [{ case: `${name}, server CPU`, ketnap: r.adapterServerUs, baseline: r.rawServerUs, unit: 'µs/append' }]),
        ];
      }),
  }),
  benchmark({
    name: 'saga',
    title: (quick) =>
      `deadline saga: ${quick ? 10_000 : 100_000} armed deadlines per timer adapter (arming, memory, sweep, firing lateness)`,
    run: async (quick) => benchDeadlineSweep({ count: quick ? 10_000 : 100_000, redisUrl: await benchRedisUrl() }),
    // The baseline of each lateness row is plain BullMQ delayed jobs with the adapter's job options.
    rows: (adapters) => {
      const raw = adapters['bullmq raw'];
      const baseline = raw && 'lateness' in raw ? raw.lateness : undefined;
      return Object.entries(adapters).flatMap(([adapter, r]) =>
        'skipped' in r || !('arm' in r)
          ? []
          : [
              { case: `${adapter}: arming`, ketnap: r.arm.perSecond, unit: 'deadlines/s' },
              { case: `${adapter}: RSS growth`, ketnap: r.memory.rssDeltaMb, unit: 'MB' },
              { case: `${adapter}: heap growth`, ketnap: r.memory.heapDeltaMb, unit: 'MB' },
              { case: `${adapter}: sweep, nothing missing`, ketnap: r.sweep.nothingMissingMs, unit: 'ms' },
              {
                case: `${adapter}: sweep after losing every timer`,
                ketnap: r.sweep.rearmedPerSecond,
                unit: 're-armed/s',
              },
              ...(['burst', 'steady', 'lone'] as const).flatMap((kind) => {
                const figures = r.lateness[kind];
                const what =
                  kind === 'burst'
                    ? `${r.lateness.burst.timers.toLocaleString('en-US')} due at once`
                    : kind === 'steady'
                      ? `${r.lateness.steady.timers.toLocaleString('en-US')} due in turn, ${r.lateness.steady.perSecond}/s`
                      : `${figures.fired} lone timers`;
                const base = adapter === 'bullmq' ? baseline?.[kind] : undefined;
                return [
                  {
                    case: `${adapter}: firing lateness p50 (${what})`,
                    ketnap: figures.p50Ms,
                    baseline: base?.p50Ms,
                    unit: 'ms',
                  },
                  {
                    case: `${adapter}: firing lateness p99 (${what})`,
                    ketnap: figures.p99Ms,
                    baseline: base?.p99Ms,
                    unit: 'ms',
                  },
                ];
              }),
            ],
      );
    },
  }),
  benchmark({
    name: 'rebuild',
    title: (quick) =>
      `read models: rebuild from position 0 on ${quick ? '100,000' : '1,000,000'} SQLite events, personal parts sealed (events/s, peak RSS); then the API server's RSS on that data dir`,
    // KETNAP_BENCH_POSTGRES_URL adds two rows: all eight rebuilt into a PostgreSQL schema, from the SQLite log and from a PostgreSQL copy of it.
    run: (quick, log) =>
      benchRebuild({
        events: quick ? 100_000 : 1_000_000,
        postgresUrl: process.env.KETNAP_BENCH_POSTGRES_URL,
        server: true,
        log,
      }),
    // The baseline is reading and parsing the log alone, in a process of its own like each rebuild.
    rows: ({ rows, server }) => {
      const [reading, ...rebuilds] = rows;
      return [
        ...rebuilds.flatMap((r) => [
          { case: r.readModel, ketnap: r.eventsPerSecond, baseline: reading.eventsPerSecond, unit: 'events/s' },
          { case: `${r.readModel}, peak RSS`, ketnap: r.peakRssMiB, baseline: reading.peakRssMiB, unit: 'MiB' },
        ]),
        ...(server
          ? [
              { case: 'API server on the data dir, caught up', ketnap: server.caughtUpSeconds, unit: 's' },
              { case: 'API server, RSS after the report reads', ketnap: server.rssMiB, unit: 'MiB' },
              { case: 'API server, peak RSS', ketnap: server.peakRssMiB, unit: 'MiB' },
            ]
          : []),
      ];
    },
  }),
  benchmark({
    name: 'copy',
    title: (quick) =>
      `store copy: ketnap store copy of ${quick ? '100,000' : '1,000,000'} SQLite events into a SQLite file and a new PostgreSQL database (events/s); the app on the source and on the PostgreSQL copy answers the same reports`,
    run: (quick, log) =>
      benchStoreCopy({ events: quick ? 100_000 : 1_000_000, postgresUrl: storeCopyPostgresUrl(), log }),
    rows: ({ rows, reports }) => [
      ...rows.flatMap((r) => [
        {
          case: `to ${r.target} (${r.events.toLocaleString('en-US')} events)`,
          ketnap: r.eventsPerSecond,
          unit: 'events/s',
        },
        { case: `to ${r.target}, the whole command (copy, then checks)`, ketnap: r.commandSeconds, unit: 's' },
      ]),
      ...(reports && 'caughtUpSeconds' in reports
        ? [
            {
              case: 'the app on the PostgreSQL copy catching up from nothing',
              ketnap: reports.caughtUpSeconds.target,
              unit: 's',
            },
          ]
        : []),
    ],
  }),
  benchmark({
    name: 'personal',
    title: (quick) =>
      `personal data: plain vs sealed personal parts on SQLite, appends/s and events/s on ${quick ? '20,000' : '200,000'} events (median of rounds)`,
    run: (quick, log) =>
      benchPersonalData({
        appends: quick ? 2000 : 20_000,
        events: quick ? 20_000 : 200_000,
        rounds: quick ? 1 : 5,
        log,
      }),
    rows: ({ rows }) =>
      rows.map((r) => ({ case: r.case, ketnap: r.encryptedPerSecond, baseline: r.plainPerSecond, unit: r.unit })),
  }),
  benchmark({
    name: 'national',
    onlyAlone: true,
    title: (quick) =>
      `national: ${quick ? '1,000,000' : '10,000,000'} events on PostgreSQL (generation, verify, rebuild, report latency, sizes)`,
    run: async (quick, log) => {
      const url = benchPostgresUrl();
      const unreachable = await postgresUnreachable(url);
      if (unreachable) return { skipped: unreachable };
      return benchNational({ events: quick ? 1_000_000 : 10_000_000, url, log });
    },
    rows: (r) => [
      {
        case: `writing the log (${r.generation.events.toLocaleString('en-US')} events)`,
        ketnap: r.generation.eventsPerSecond,
        unit: 'events/s',
      },
      { case: 'verifying the chain', ketnap: r.verify.eventsPerSecond, unit: 'events/s' },
      {
        case: 'rebuild of every read model, PostgreSQL to PostgreSQL',
        ketnap: r.rebuild.eventsPerSecond,
        unit: 'events/s',
      },
      { case: 'rebuild, peak RSS', ketnap: r.rebuild.peakRssMiB, unit: 'MiB' },
      { case: 'log on disk', ketnap: r.log.mibPerMillionEvents, unit: 'MiB per million events' },
      { case: 'read models on disk', ketnap: r.readModels.mibPerMillionEvents, unit: 'MiB per million events' },
      ...Object.entries(r.reports).flatMap(([report, l]) => [
        { case: `${report}, p50 (${l.requests} requests)`, ketnap: l.p50Ms, unit: 'ms' },
        { case: `${report}, p99`, ketnap: l.p99Ms, unit: 'ms' },
      ]),
    ],
  }),
];

const NAMES = BENCHMARKS.map((b) => b.name);
const RESULTS = join(__dirname, 'results');
const LATEST = join(RESULTS, 'latest.json');
const README = join(__dirname, '..', 'README.md');

const quick = process.argv.includes('--quick');
/** `--only rebuild`: one benchmark of the registry. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

async function main(): Promise<void> {
  const machine: Machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const ran: Record<string, BenchEntry> = {};
  const failed: string[] = [];
  for (const b of BENCHMARKS.filter((b) => (only === undefined ? !b.onlyAlone : b.name === only))) {
    process.stdout.write(`${b.title(quick)}\n`);
    const measuredAt = new Date().toISOString();
    const loadAtStart = loadavg()[0];
    let detail: unknown;
    try {
      detail = await b.run(quick, (line) => process.stdout.write(`  ${line}\n`));
    } catch (error) {
      // The others still run and are recorded; this one keeps its last figures.
      process.stderr.write(`  FAILED: ${error instanceof Error ? error.stack : String(error)}\n`);
      failed.push(b.name);
      continue;
    }
    if (isSkipped(detail)) {
      process.stdout.write(`  SKIPPED: ${detail.skipped}\n`);
      continue;
    }
    const load: [number, number] = [round2(loadAtStart), round2(loadavg()[0])];
    ran[b.name] = { measuredAt, machine, load, rows: b.rows(detail), detail };
    process.stdout.write(`${benchTable({ benchmarks: { [b.name]: ran[b.name] } })}\n\n`);
  }

  mkdirSync(RESULTS, { recursive: true });
  if (quick) {
    const file = join(RESULTS, 'quick.json');
    writeFileSync(file, `${JSON.stringify({ benchmarks: ran }, null, 2)}\n`);
    process.stdout.write(`written ${file} (a quick run: neither latest.json nor the README)\n`);
  } else {
    const previous: BenchRecord = existsSync(LATEST)
      ? (JSON.parse(readFileSync(LATEST, 'utf8')) as BenchRecord)
      : { benchmarks: {} };
    const record = mergeRecord(previous, ran, NAMES);
    writeFileSync(LATEST, `${JSON.stringify(record, null, 2)}\n`);
    writeFileSync(README, withBenchTable(readFileSync(README, 'utf8'), benchTable(record)));
    process.stdout.write(`written ${LATEST} and the README's table\n`);
  }
  if (failed.length > 0) {
    process.stderr.write(`bench: ${failed.join(', ')} failed\n`);
    process.exitCode = 1;
  }
}

const isSkipped = (detail: unknown): detail is { skipped: string } =>
  typeof detail === 'object' && detail !== null && 'skipped' in detail;

const round2 = (n: number) => Number(n.toFixed(2));

if (require.main === module) {
  if (only !== undefined && !NAMES.includes(only)) {
    process.stderr.write(`bench: --only takes ${NAMES.join(', ')} (got ${JSON.stringify(only)})\n`);
    process.exit(2);
  }
  main().catch((error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
