import { randomUUID } from 'node:crypto';
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

/** Runs `writers` loops of `appends` each at once and returns appends per second over all of them. */
async function timed(writers: number, appends: number, loop: (writer: number) => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: writers }, (_, w) => loop(w)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (writers * appends) / seconds;
}

/** Raw `pg`: the same rows in the same table, one multi-row INSERT (autocommit) per append, no checks, no hashing. */
async function rawInserts(url: string, writers: number, appends: number, batch: number): Promise<number> {
  return withSchema(url, async (schema) => {
    const clients = await connectAll(url, writers);
    const columns = 10;
    const values = Array.from(
      { length: batch },
      (_, k) => `(${Array.from({ length: columns }, (_, c) => `$${k * columns + c + 1}`).join(', ')})`,
    ).join(', ');
    const text = `INSERT INTO ${quoteIdent(schema)}.events
      (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
      VALUES ${values}`;
    try {
      return await timed(writers, appends, async (w) => {
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

/** Through the adapter: one store and one connection per writer, expected versions, hash chain, idempotency off. */
async function adapterAppends(url: string, writers: number, appends: number, batch: number): Promise<number> {
  return withSchema(url, async (schema) => {
    const pools = Array.from({ length: writers }, () => new pg.Pool({ connectionString: url, max: 1 }));
    const stores = pools.map((pool) => new PostgresEventStore({ pool, schema }));
    await Promise.all(stores.map((store) => store.headPosition()));
    try {
      return await timed(writers, appends, async (w) => {
        const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
        for (let i = 0; i < appends; i += 1) {
          const s = i % STREAMS_PER_WRITER;
          const events: NewEvent[] = Array.from({ length: batch }, (_, k) => ({
            type: 'BranchResolutionAdopted',
            data: stepData(versions[s] + k + 1),
            metadata: stepMetadata,
          }));
          const result = await stores[w].append(`dossier-${w}-${s}`, events, { expectedVersion: versions[s] });
          versions[s] = result.nextExpectedVersion;
        }
      });
    } finally {
      for (const store of stores) await store.close();
      await Promise.all(pools.map((pool) => pool.end()));
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
}

/**
 * Appends per second through PostgresEventStore vs raw `pg` INSERTs of the same rows into the same
 * table, same batch sizes and connection count, same run. Rounds alternate raw and adapter so machine
 * noise hits both alike; the figure is the median round.
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
      const raw: number[] = [];
      const adapter: number[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        raw.push(await rawInserts(options.url, writers, appends, batch));
        adapter.push(await adapterAppends(options.url, writers, appends, batch));
      }
      const rawMedian = median(raw);
      const adapterMedian = median(adapter);
      rows.push({
        case: batch === 1 ? 'single-event appends' : `${batch}-event batches`,
        writers,
        appendsPerWriter: appends,
        eventsPerAppend: batch,
        rawPerSecond: Math.round(rawMedian),
        adapterPerSecond: Math.round(adapterMedian),
        ratio: Number((adapterMedian / rawMedian).toFixed(3)),
      });
    }
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
