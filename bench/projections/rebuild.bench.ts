import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createVietnamCalendar, decodeEvent } from '@ketnap/domain';
import { randomUUID } from 'node:crypto';
import {
  PersonalKeyTable,
  PersonalKeyring,
  PostgresEventStore,
  PostgresSql,
  SqliteEventStore,
  SqliteSql,
  copyLog,
  masterKeyOf,
  type EventStore,
} from '@ketnap/event-store';
import { withPersonalData } from '@ketnap/engine';
import {
  DEFAULT_BATCH,
  ProjectionDatabase,
  accessLogProjection,
  coreProjections,
  deadlinesProjection,
  inspectionCasesProjection,
  rebuildProjections,
  usersProjection,
  type Projection,
} from '@ketnap/projections';
import { testColumnCipher, writeSyntheticLog } from '@ketnap/projections/testing';
import { call, tokenFor } from '../../test/api-support';
import { buildDist } from '../../test/support/app-process';
import { reportPaths, reportsAppEnv, startCaughtUp } from '../../test/support/same-reports';

export interface RebuildBenchRow {
  readModel: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
}

/** What one rebuild in a child process reports. */
interface ChildResult {
  events: number;
  seconds: number;
  maxRssMiB: number;
}

const READ_ONLY = 'read log only';
const ALL = 'all eight: ketnap projections rebuild (two threads)';
const ALL_ONE_THREAD = 'all eight in one pass: ketnap projections rebuild --threads 1';
const ALL_POSTGRES = 'all eight in one pass, read models on PostgreSQL';
const ALL_POSTGRES_LOG = 'all eight in one pass, PostgreSQL log → PostgreSQL read models';
const REPO = join(__dirname, '..', '..');

/** The node flags the `ketnap` command runs with (its shebang): each rebuild child runs with them too. */
export function cliNodeFlags(): string[] {
  const shebang = readFileSync(join(REPO, 'bin', 'ketnap.js'), 'utf8').split('\n')[0];
  return shebang.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * The eight read models `ketnap projections rebuild` rebuilds, with the engine's defaults (the personal
 * columns sealed with a fixed key: the cost is the same whatever the key).
 */
export const allProjections = (): Projection[] => [
  ...coreProjections(testColumnCipher()),
  deadlinesProjection({ calendar: createVietnamCalendar(), reminderDays: [10, 3] }),
  inspectionCasesProjection(testColumnCipher()),
  usersProjection(),
  accessLogProjection(),
];

/** The master key of the benches' logs (`KETNAP_MASTER_KEY` of an app or command run on one): sealing costs the same whatever the key. */
export const BENCH_MASTER_KEY = '6b65746e61702062656e6368206d6173746572206b657920666f722074657374';

/**
 * A keyring whose key table is the SQLite file at `path` (`personal-keys.db` beside the embedded store,
 * as the app keeps it), with `master` (default: the benches'), and how to close its database.
 */
export async function openKeyring(
  path: string,
  master = masterKeyOf(BENCH_MASTER_KEY),
): Promise<{ keyring: PersonalKeyring; close: () => Promise<void> }> {
  const database = new SqliteSql(path);
  const keyring = new PersonalKeyring(await PersonalKeyTable.open(database), { master });
  return { keyring, close: () => database.close() };
}

/** The key table of a log `writeBenchLog` wrote: beside it, where the app started on its data dir looks. */
export const keyTableOf = (logPath: string): string => join(dirname(logPath), 'personal-keys.db');

/**
 * The synthetic log's appends with each event at the schema version this release writes (the log
 * writes version 1): the personal fields of every step under `personal`, as the app stores them, so
 * that a sealed log seals what a real one does, not the nomination alone.
 */
export const asThisReleaseWrites = (store: Pick<EventStore, 'append'>): Pick<EventStore, 'append'> => ({
  append: (streamId, events, options) =>
    store.append(
      streamId,
      events.map((event) => {
        const { schemaVersion, data } = decodeEvent({
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
        });
        return { ...event, schemaVersion, data };
      }),
      options,
    ),
});

/**
 * The benches' synthetic SQLite log of `count` events at `path` (about 15 events a dossier, seed 2024:
 * the same log in every bench), and how long writing it took. Written as the app writes it: each event
 * at this release's schema version, its personal part sealed with its dossier's key (`withPersonalData`,
 * the key table beside the log, `BENCH_MASTER_KEY`), so a command or an app run on the data dir reads
 * and opens what it would on a real one.
 */
export async function writeBenchLog(
  path: string,
  count: number,
  log?: (line: string) => void,
): Promise<{ events: number; writeSeconds: number }> {
  const store = new SqliteEventStore({ path });
  const keys = await openKeyring(keyTableOf(path));
  const writeStarted = process.hrtime.bigint();
  const events = await writeSyntheticLog(asThisReleaseWrites(withPersonalData(store, keys.keyring)), {
    dossiers: Math.ceil(count / 15),
    maxEvents: count,
    seed: 2024,
  });
  const writeSeconds = Number(process.hrtime.bigint() - writeStarted) / 1e9;
  await store.close();
  await keys.close();
  log?.(`log written, personal parts sealed: ${events.toLocaleString('en-US')} events in ${writeSeconds.toFixed(1)} s`);
  return { events, writeSeconds };
}

/** The app's figures on the data dir the rebuild rows used (see `benchRebuild`). */
export interface ServerMemory {
  /** From the spawn until every consumer of the log answered lag 0 on `/health`. */
  caughtUpSeconds: number;
  /** Report routes answered (each 200) before the RSS was read. */
  reads: number;
  /** The server process's resident set once it caught up and answered them (`VmRSS`). */
  rssMiB: number;
  /** Its peak resident set since it started (`VmHWM`). */
  peakRssMiB: number;
}

/**
 * Rebuild rate of every read model from position 0 on a realistic SQLite log of `events` events
 * (dossiers of ~25 events when they go all the way, interleaved, with corrections and breaches), the
 * personal parts sealed as the app writes them and opened on reading, pages of `batchSize`: each alone,
 * then all eight, which is `ketnap projections rebuild` itself, built, run on the data dir, in one pass
 * (`--threads 1`) and on two threads (its own figure of seconds, its process's peak RSS). `read log only` is the floor: reading the log and opening
 * its personal parts without a read model. Each row runs in a fresh process with the command's node
 * flags, as the command does, so its time and peak RSS are its own. With `postgresUrl`, two last rows
 * rebuild all eight into a PostgreSQL schema (created for the run and dropped after): the log read from
 * SQLite, then from a PostgreSQL store the SQLite log is copied into first (`copyLog`, in a schema of its
 * own, dropped after; the copy is not timed in the row). Last, with `server`, the API server is started
 * on the data dir (the read models the command built), asked every report route, and its RSS read.
 */
export async function benchRebuild(options: {
  events: number;
  batchSize?: number;
  postgresUrl?: string;
  server?: boolean;
  log?: (line: string) => void;
}): Promise<{ rows: RebuildBenchRow[]; maxRssMiB: number; writeSeconds: number; server?: ServerMemory }> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-rebuild-'));
  const logPath = join(dir, 'ketnap.db');
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  try {
    const { writeSeconds } = await writeBenchLog(logPath, options.events, options.log);
    const rows: RebuildBenchRow[] = [];
    const readModels = [READ_ONLY, ...allProjections().map((p) => p.name)];
    const postgresLog = options.postgresUrl ? await copiedToPostgres(logPath, options.postgresUrl, options.log) : '';
    const add = (readModel: string, result: ChildResult) => {
      rows.push({
        readModel,
        events: result.events,
        seconds: Number(result.seconds.toFixed(2)),
        eventsPerSecond: Math.round(result.events / result.seconds),
        peakRssMiB: result.maxRssMiB,
      });
      options.log?.(
        `${readModel}: ${Math.round(result.events / result.seconds).toLocaleString('en-US')} events/s, peak RSS ${result.maxRssMiB} MiB`,
      );
    };
    for (const readModel of readModels)
      add(readModel, rebuildChild(logPath, logPath, join(dir, `projections-${rows.length}.db`), readModel, batchSize));
    buildDist();
    add(ALL_ONE_THREAD, rebuildCommand(dir, batchSize, 1));
    add(ALL, rebuildCommand(dir, batchSize, 2));
    if (options.postgresUrl) {
      add(ALL_POSTGRES, rebuildChild(logPath, logPath, options.postgresUrl, ALL_POSTGRES, batchSize));
      add(ALL_POSTGRES_LOG, rebuildChild(postgresLog, logPath, options.postgresUrl, ALL_POSTGRES_LOG, batchSize));
    }
    const server = options.server ? await serverMemory(dir, options.log) : undefined;
    return {
      rows,
      maxRssMiB: Math.max(...rows.map((r) => r.peakRssMiB)),
      writeSeconds: Number(writeSeconds.toFixed(1)),
      ...(server && { server }),
    };
  } finally {
    if (options.postgresUrl) await dropLogSchema(options.postgresUrl);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A child process of this file that runs one rebuild (see `rebuildOnce`) with the command's node flags. */
function rebuildChild(
  log: string,
  sqliteLog: string,
  projections: string,
  readModel: string,
  batchSize: number,
): ChildResult {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      ...cliNodeFlags(),
      __filename,
      log,
      keyTableOf(sqliteLog),
      projections,
      readModel,
      String(batchSize),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`rebuild of ${readModel} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** What `ketnap projections rebuild` says of each read model it swapped in (`KETNAP_LANG=en`). */
const ACTIVE = /active at position [\d,]+ \(([\d,]+) events, ([\d.]+) s\)/;

/**
 * `ketnap projections rebuild` (every read model, `--batch-size`) on the data dir, as `npx ketnap` runs
 * it: the built CLI (`benchRebuild` builds it first, as the bin does when the build is stale) with the
 * bin's node flags, without the TypeScript loader the other rows run under. Its figures: the seconds it reports for
 * the rebuild, and its process's peak RSS (`peak-rss.js`, at exit).
 */
function rebuildCommand(dataDir: string, batchSize: number, threads: 1 | 2): ChildResult {
  const child = spawnSync(
    process.execPath,
    [
      ...cliNodeFlags(),
      '-r',
      join(__dirname, 'peak-rss.js'),
      join(REPO, 'dist/apps/cli/src/main.js'),
      'projections',
      'rebuild',
      '--batch-size',
      String(batchSize),
      '--threads',
      String(threads),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: BENCH_MASTER_KEY, KETNAP_LANG: 'en' },
    },
  );
  const active = ACTIVE.exec(child.stdout);
  const peak = /peak RSS (\d+) KiB/.exec(child.stderr);
  if (child.status !== 0 || !active || !peak)
    throw new Error(`ketnap projections rebuild failed: ${child.stdout}\n${child.stderr}`);
  return {
    events: Number(active[1].replace(/,/g, '')),
    seconds: Number(active[2]),
    maxRssMiB: Math.round(Number(peak[1]) / 1024),
  };
}

/**
 * The API server (`apps/api`, the worker in its process) started on the data dir as `npm start` runs
 * it (built, without the TypeScript loader): once every consumer of the log has caught up, every report
 * route is asked as an admin, then the process's RSS is read.
 */
async function serverMemory(dataDir: string, log?: (line: string) => void): Promise<ServerMemory> {
  const env = reportsAppEnv({ KETNAP_DATA_DIR: dataDir, KETNAP_MASTER_KEY: BENCH_MASTER_KEY });
  const { app, caughtUpSeconds } = await startCaughtUp(env, 30 * 60_000, { built: true });
  try {
    const token = await tokenFor('admin', { ttl: 3600 });
    const paths = reportPaths();
    for (const path of paths) {
      const answer = await call(app.baseUrl, 'GET', path, { token });
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text}`);
    }
    const status = readFileSync(`/proc/${app.child.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
    const memory = {
      caughtUpSeconds,
      reads: paths.length,
      rssMiB: Math.round(kib('VmRSS') / 1024),
      peakRssMiB: Math.round(kib('VmHWM') / 1024),
    };
    log?.(
      `API server on the data dir: caught up in ${caughtUpSeconds} s, RSS ${memory.rssMiB} MiB after ${paths.length} report reads (peak ${memory.peakRssMiB} MiB)`,
    );
    return memory;
  } finally {
    await app.stop();
  }
}

/** The schema the SQLite log is copied into for the PostgreSQL log's row: one per bench process. */
const LOG_SCHEMA = `bench_log_${randomUUID().replace(/-/g, '')}`;

/** Copies the SQLite log at `logPath` into a PostgreSQL store; the log argument of a child that reads it (`URL#schema`). */
async function copiedToPostgres(logPath: string, url: string, log?: (line: string) => void): Promise<string> {
  const source = new SqliteEventStore({ path: logPath });
  const target = new PostgresEventStore({ connectionString: url, schema: LOG_SCHEMA });
  try {
    const run = await copyLog(source, target);
    log?.(`log copied to PostgreSQL: ${run.copied.toLocaleString('en-US')} events in ${run.seconds.toFixed(1)} s`);
  } finally {
    await target.close();
    await source.close();
  }
  return `${url}#${LOG_SCHEMA}`;
}

async function dropLogSchema(url: string): Promise<void> {
  const sql = await PostgresSql.open({ url, schema: LOG_SCHEMA });
  await sql.dropSchema();
  await sql.close();
}

/** The log a child reads, its personal parts opened with the key table at `keys`: a SQLite file, or `URL#schema` for a PostgreSQL store. */
function openLog(log: string, keyring: PersonalKeyring): EventStore {
  const [url, schema] = log.split('#');
  const store =
    schema === undefined
      ? new SqliteEventStore({ path: log })
      : new PostgresEventStore({ connectionString: url, schema });
  return withPersonalData(store, keyring);
}

/**
 * In the child: one rebuild (or reading the log only) on the log at `logPath` (see `openLog`), into a fresh
 * projections database (`projections`: a SQLite file, or a PostgreSQL URL for a throw-away schema).
 */
async function rebuildOnce(
  logPath: string,
  keyTable: string,
  projections: string,
  readModel: string,
  batchSize: number,
): Promise<ChildResult> {
  const keys = await openKeyring(keyTable);
  const store = openLog(logPath, keys.keyring);
  const postgres = projections.startsWith('postgres')
    ? await PostgresSql.open({ url: projections, schema: `bench_${randomUUID().replace(/-/g, '')}` })
    : undefined;
  const pdb = postgres ? await ProjectionDatabase.open(postgres) : await ProjectionDatabase.openSqlite(projections);
  try {
    const started = process.hrtime.bigint();
    let events = 0;
    if (readModel === READ_ONLY) {
      for (
        let page = await store.readAll({ limit: batchSize });
        ;
        page = await store.readAll({ after: page.checkpoint, limit: batchSize })
      ) {
        events += page.events.length;
        if (page.isEnd) break;
      }
    } else {
      const rebuilt =
        readModel === ALL_POSTGRES || readModel === ALL_POSTGRES_LOG
          ? allProjections()
          : allProjections().filter((p) => p.name === readModel);
      events = (await rebuildProjections(store, pdb, rebuilt, { batchSize })).events;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, seconds, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await postgres?.dropSchema();
    await pdb.close();
    await store.close();
    await keys.close();
  }
}

/**
 * `node -r ./test/support/register-ts.js bench/projections/rebuild.bench.ts [EVENTS [POSTGRES_URL]]`: this
 * bench alone; with `LOG KEY_TABLE PROJECTIONS READ_MODEL BATCH` it is the child that runs one rebuild and prints its result.
 */
if (require.main === module) {
  const [first, second, projectionsPath, readModel, batch] = process.argv.slice(2);
  if (readModel !== undefined) {
    rebuildOnce(first, second, projectionsPath, readModel, Number(batch)).then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  } else {
    benchRebuild({
      events: Number(first ?? 1_000_000),
      postgresUrl: second,
      server: true,
      log: (line) => process.stdout.write(`${line}\n`),
    }).then(
      ({ rows }) => console.table(rows),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  }
}
