import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import {
  PG_EVENT_STORE_MIGRATIONS,
  PostgresEventStore,
  migratePostgres,
  quoteIdent,
  type NewEvent,
} from '@ketnap/event-store';
import { metadata as stepMetadata, stepData } from './event-store.bench';

const STREAMS_PER_WRITER = 50;
const hash = 'a'.repeat(64);

export function benchPostgresUrl(): string {
  return process.env.KETNAP_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

/** Why PostgreSQL cannot be benched, or undefined when it answers. */
export async function postgresUnreachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${url}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh schema with the store's tables, dropped after the run. */
async function withSchema<T>(url: string, run: (schema: string) => Promise<T>): Promise<T> {
  const schema = `ketnap_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migratePostgres(admin, schema, 'event-store', PG_EVENT_STORE_MIGRATIONS);
    return await run(schema);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await admin.end();
  }
}

/** One side of one round: appends per second, and the CPU an append cost in this process and in the server. */
interface Measured {
  perSecond: number;
  /** CPU of this Node process (both sides run here, one after the other) per append, µs. */
  nodeUs: number;
  /** CPU of the writers' server backends per append, µs; null when the server's /proc is not readable. */
  serverUs: number | null;
}

/**
 * Runs `writers` loops of `appends` each at once. `backends` are the server process ids of the
 * writers' connections: read from /proc when PostgreSQL runs on this machine, to say where time goes.
 */
async function timed(
  writers: number,
  appends: number,
  backends: number[],
  loop: (writer: number) => Promise<void>,
): Promise<Measured> {
  const serverBefore = serverCpuUs(backends);
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: writers }, (_, w) => loop(w)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = serverCpuUs(backends);
  const total = writers * appends;
  return {
    perSecond: total / seconds,
    nodeUs: (cpu.user + cpu.system) / total,
    serverUs: serverBefore === null || serverAfter === null ? null : (serverAfter - serverBefore) / total,
  };
}

/**
 * User and system CPU of the given server backends, µs (/proc counts in ticks of 10 ms); null when a
 * process id is not a local `postgres` process (a server elsewhere, or in another container).
 */
function serverCpuUs(pids: number[]): number | null {
  let ticks = 0;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    if (!stat.startsWith(`${pid} (postgres) `)) return null;
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10_000;
}

async function backendPid(db: pg.ClientBase | pg.Pool): Promise<number> {
  const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0].pid;
}

/** Raw `pg`: the same rows in the same table, one multi-row INSERT (autocommit) per append, no checks, no hashing. */
async function rawInserts(url: string, writers: number, appends: number, batch: number): Promise<Measured> {
  return withSchema(url, async (schema) => {
    const clients = await connectAll(url, writers);
    const backends = await Promise.all(clients.map(backendPid));
    const columns = 10;
    const values = Array.from(
      { length: batch },
      (_, k) => `(${Array.from({ length: columns }, (_, c) => `$${k * columns + c + 1}`).join(', ')})`,
    ).join(', ');
    const text = `INSERT INTO ${quoteIdent(schema)}.events
      (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
      VALUES ${values}`;
    try {
      return await timed(writers, appends, backends, async (w) => {
        const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
        for (let i = 0; i < appends; i += 1) {
          const s = i % STREAMS_PER_WRITER;
          const recordedAt = new Date().toISOString();
          const params = Array.from({ length: batch }, (_, k) => [
            randomUUID(),
            `dossier-${w}-${s}`,
            versions[s] + k + 1,
            'BranchResolutionAdopted',
            1,
            JSON.stringify(stepData(versions[s] + k + 1)),
            JSON.stringify({ ...stepMetadata, recordedAt }),
            recordedAt,
            hash,
            hash,
          ]).flat();
          await clients[w].query({ name: `raw-${batch}`, text, values: params });
          versions[s] += batch;
        }
      });
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
}

/**
 * Through the adapter as a process runs it: one store for all the writers, with a connection per writer
 * in its pool; expected versions, hash chain, idempotency off. Appends beyond the store's
 * `appendConcurrency` are stored in groups (group commit).
 */
async function adapterAppends(url: string, writers: number, appends: number, batch: number): Promise<Measured> {
  return withSchema(url, async (schema) => {
    const pool = new pg.Pool({ connectionString: url, max: writers });
    const store = new PostgresEventStore({ pool, schema });
    await store.headPosition();
    // Every connection of the pool open, and its server process known.
    const clients = await Promise.all(Array.from({ length: writers }, () => pool.connect()));
    const backends = await Promise.all(clients.map(backendPid));
    for (const client of clients) client.release();
    try {
      return await timed(writers, appends, backends, async (w) => {
        const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
        for (let i = 0; i < appends; i += 1) {
          const s = i % STREAMS_PER_WRITER;
          const events: NewEvent[] = Array.from({ length: batch }, (_, k) => ({
            type: 'BranchResolutionAdopted',
            data: stepData(versions[s] + k + 1),
            metadata: stepMetadata,
          }));
          const result = await store.append(`dossier-${w}-${s}`, events, { expectedVersion: versions[s] });
          versions[s] = result.nextExpectedVersion;
        }
      });
    } finally {
      await store.close();
      await pool.end();
    }
  });
}

async function connectAll(url: string, count: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
}

export interface PostgresAppendBenchRow {
  case: string;
  writers: number;
  appendsPerWriter: number;
  eventsPerAppend: number;
  rawPerSecond: number;
  adapterPerSecond: number;
  ratio: number;
  /** Median CPU per append, µs: in Node and in the server backends, raw then adapter. */
  rawNodeUs: number;
  adapterNodeUs: number;
  rawServerUs: number | null;
  adapterServerUs: number | null;
}

/**
 * Appends per second through PostgresEventStore vs raw `pg` INSERTs of the same rows into the same
 * table, same batch sizes and connection count, same run. Rounds alternate raw and adapter, and which
 * of them goes first, so machine noise (and the WAL the other side left) hits both alike; the figure is
 * the median round. The CPU columns say where an append's time goes.
 */
export async function benchPostgresAppends(options: {
  url: string;
  appends: number;
  rounds: number;
}): Promise<PostgresAppendBenchRow[]> {
  const rows: PostgresAppendBenchRow[] = [];
  for (const writers of [1, 8]) {
    for (const batch of [1, 10]) {
      const appends = Math.round(options.appends / batch / writers);
      const raw: Measured[] = [];
      const adapter: Measured[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        if (round % 2 === 0) raw.push(await rawInserts(options.url, writers, appends, batch));
        adapter.push(await adapterAppends(options.url, writers, appends, batch));
        if (round % 2 === 1) raw.push(await rawInserts(options.url, writers, appends, batch));
      }
      const rawMedian = median(raw.map((m) => m.perSecond));
      const adapterMedian = median(adapter.map((m) => m.perSecond));
      rows.push({
        case: batch === 1 ? 'single-event appends' : `${batch}-event batches`,
        writers,
        appendsPerWriter: appends,
        eventsPerAppend: batch,
        rawPerSecond: Math.round(rawMedian),
        adapterPerSecond: Math.round(adapterMedian),
        ratio: Number((adapterMedian / rawMedian).toFixed(3)),
        rawNodeUs: Math.round(median(raw.map((m) => m.nodeUs))),
        adapterNodeUs: Math.round(median(adapter.map((m) => m.nodeUs))),
        rawServerUs: medianOrNull(raw.map((m) => m.serverUs)),
        adapterServerUs: medianOrNull(adapter.map((m) => m.serverUs)),
      });
    }
  }
  return rows;
}

function medianOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === values.length ? Math.round(median(known)) : null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
