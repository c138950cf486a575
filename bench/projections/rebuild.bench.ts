import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVietnamCalendar } from '@ketnap/domain';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, PostgresSql, SqliteEventStore, copyLog, type EventStore } from '@ketnap/event-store';
import {
  DEFAULT_BATCH,
  ProjectionDatabase,
  coreProjections,
  deadlinesProjection,
  inspectionCasesProjection,
  rebuildProjections,
  type Projection,
} from '@ketnap/projections';
import { testColumnCipher, writeSyntheticLog } from '@ketnap/projections/testing';

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
const ALL = 'all six in one pass (ketnap projections rebuild)';
const ALL_POSTGRES = 'all six in one pass, read models on PostgreSQL';
const ALL_POSTGRES_LOG = 'all six in one pass, PostgreSQL log → PostgreSQL read models';

/** The node flags the `ketnap` command runs with (its shebang): each rebuild child runs with them too. */
export function cliNodeFlags(): string[] {
  const shebang = readFileSync(join(__dirname, '..', '..', 'bin', 'ketnap.js'), 'utf8').split('\n')[0];
  return shebang.split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * The six read models `ketnap projections rebuild` rebuilds, with the engine's defaults (the personal
 * columns sealed with a fixed key: the cost is the same whatever the key).
 */
export const allProjections = (): Projection[] => [
  ...coreProjections(testColumnCipher()),
  deadlinesProjection({ calendar: createVietnamCalendar(), reminderDays: [10, 3] }),
  inspectionCasesProjection(testColumnCipher()),
];

/**
 * The benches' synthetic SQLite log of `count` events at `path` (about 15 events a dossier, seed 2024:
 * the same log in every bench), and how long writing it took.
 */
export async function writeBenchLog(
  path: string,
  count: number,
  log?: (line: string) => void,
): Promise<{ events: number; writeSeconds: number }> {
  const store = new SqliteEventStore({ path });
  const writeStarted = process.hrtime.bigint();
  const events = await writeSyntheticLog(store, { dossiers: Math.ceil(count / 15), maxEvents: count, seed: 2024 });
  const writeSeconds = Number(process.hrtime.bigint() - writeStarted) / 1e9;
  await store.close();
  log?.(`log written: ${events.toLocaleString('en-US')} events in ${writeSeconds.toFixed(1)} s`);
  return { events, writeSeconds };
}

/**
 * Rebuild rate of every read model from position 0 on a realistic SQLite log of `events` events
 * (dossiers of ~25 events when they go all the way, interleaved, with corrections and breaches),
 * pages of `batchSize`: each alone, then all six in one pass (what `ketnap projections rebuild` does
 * without a name). `read log only` is the floor: reading and parsing the log without a read model.
 * Each row runs in a fresh process with the command's node flags, as the command does, so its time
 * and peak RSS are its own. With `postgresUrl`, two last rows rebuild all six into a PostgreSQL schema
 * (created for the run and dropped after): the log read from SQLite, then from a PostgreSQL store the
 * SQLite log is copied into first (`copyLog`, in a schema of its own, dropped after; the copy is not timed
 * in the row).
 */
export async function benchRebuild(options: {
  events: number;
  batchSize?: number;
  postgresUrl?: string;
  log?: (line: string) => void;
}): Promise<{ rows: RebuildBenchRow[]; maxRssMiB: number; writeSeconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-rebuild-'));
  const logPath = join(dir, 'ketnap.db');
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  try {
    const { writeSeconds } = await writeBenchLog(logPath, options.events, options.log);
    const rows: RebuildBenchRow[] = [];
    const readModels = [READ_ONLY, ...allProjections().map((p) => p.name), ALL];
    if (options.postgresUrl) readModels.push(ALL_POSTGRES, ALL_POSTGRES_LOG);
    const postgresLog = options.postgresUrl ? await copiedToPostgres(logPath, options.postgresUrl, options.log) : '';
    for (const readModel of readModels) {
      const onPostgres = readModel === ALL_POSTGRES || readModel === ALL_POSTGRES_LOG;
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          ...cliNodeFlags(),
          __filename,
          readModel === ALL_POSTGRES_LOG ? postgresLog : logPath,
          onPostgres ? options.postgresUrl! : join(dir, `projections-${rows.length}.db`),
          readModel,
          String(batchSize),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (child.status !== 0) throw new Error(`rebuild of ${readModel} failed: ${child.stderr}`);
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
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
    }
    return {
      rows,
      maxRssMiB: Math.max(...rows.map((r) => r.peakRssMiB)),
      writeSeconds: Number(writeSeconds.toFixed(1)),
    };
  } finally {
    if (options.postgresUrl) await dropLogSchema(options.postgresUrl);
    rmSync(dir, { recursive: true, force: true });
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

/** The log a child reads: a SQLite file, or `URL#schema` for a PostgreSQL store. */
function openLog(log: string): EventStore {
  const [url, schema] = log.split('#');
  return schema === undefined
    ? new SqliteEventStore({ path: log })
    : new PostgresEventStore({ connectionString: url, schema });
}

/**
 * In the child: one rebuild (or reading the log only) on the log at `logPath` (see `openLog`), into a fresh
 * projections database (`projections`: a SQLite file, or a PostgreSQL URL for a throw-away schema).
 */
async function rebuildOnce(
  logPath: string,
  projections: string,
  readModel: string,
  batchSize: number,
): Promise<ChildResult> {
  const store = openLog(logPath);
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
        readModel === ALL || readModel === ALL_POSTGRES || readModel === ALL_POSTGRES_LOG
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
  }
}

/**
 * `node -r ./test/support/register-ts.js bench/projections/rebuild.bench.ts [EVENTS [POSTGRES_URL]]`: this
 * bench alone; with `LOG PROJECTIONS READ_MODEL BATCH` it is the child that runs one rebuild and prints its result.
 */
if (require.main === module) {
  const [first, projectionsPath, readModel, batch] = process.argv.slice(2);
  if (readModel !== undefined) {
    rebuildOnce(first, projectionsPath, readModel, Number(batch)).then(
      (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exit(1);
      },
    );
  } else {
    benchRebuild({
      events: Number(first ?? 1_000_000),
      postgresUrl: projectionsPath,
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
