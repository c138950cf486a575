import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@ketnap/event-store';
import { dropRedisPrefix, serviceUrl } from './services';

/**
 * The e2e tier on PostgreSQL and Redis (`KETNAP_E2E_STORE=postgres`, run by .ci/run after `npm test`):
 * every app `startApp` starts gets its own fresh database on the test server and its own Redis key
 * prefix, so the same suites prove the API on the scaled-out stores as on the embedded one.
 *
 * Resources are keyed by the app's data dir: an app restarted on the same data dir expects the same data,
 * so it gets the same database and prefix. They are dropped after the test file (`e2e-setup.ts`), and
 * names carry their creation time so a run that crashed before that leaves nothing older than a day.
 */
const onPostgres = (): boolean => process.env.KETNAP_E2E_STORE === 'postgres';

const NAME_PREFIX = 'ketnap_e2e_';
const DAY_SECONDS = 24 * 60 * 60;

interface E2eResources {
  database?: string;
  redisPrefix?: string;
}

const byDataDir = new Map<string, E2eResources>();
let leftoversSwept = false;

/** `ketnap_e2e_<unix seconds>_<random>`: the time lets a later run tell leftovers from live runs. */
const freshName = (): string => `${NAME_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;

const createdAt = (name: string): number => Number(/_(\d+)_[0-9a-f]+$/.exec(name)?.[1] ?? Number.NaN);

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serviceUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(database: string): string {
  const url = new URL(serviceUrl('postgres'));
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops the databases and Redis keys of e2e runs started more than a day ago (a crashed run's). */
async function sweepLeftovers(): Promise<void> {
  const cutoff = Math.floor(Date.now() / 1000) - DAY_SECONDS;
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${NAME_PREFIX}%'`,
    );
    for (const { datname } of rows.filter(({ datname }) => createdAt(datname) < cutoff)) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
  const prefixes = await redisPrefixesOlderThan(cutoff);
  for (const prefix of prefixes) await dropRedisPrefix(serviceUrl('redis'), prefix);
}

async function redisPrefixesOlderThan(cutoff: number): Promise<string[]> {
  const redis = new Redis(serviceUrl('redis'), { maxRetriesPerRequest: 2 });
  try {
    const prefixes = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${NAME_PREFIX}*`, 'COUNT', 1000);
      for (const key of keys) prefixes.add(key.split(':')[0]);
      cursor = next;
    } while (cursor !== '0');
    return [...prefixes].filter((prefix) => createdAt(prefix) < cutoff);
  } finally {
    redis.disconnect();
  }
}

/**
 * The variables that put an app on its own PostgreSQL database and Redis prefix, for `env` (the suite's
 * own variables): nothing when the tier runs on the embedded store, and nothing for a variable group the
 * suite sets itself (a suite about SQLite files, about configuration or about embedded timers keeps its own).
 */
export async function e2eStoreEnv(env: Record<string, string>): Promise<Record<string, string>> {
  if (!onPostgres()) return {};
  if (!leftoversSwept) {
    leftoversSwept = true;
    await sweepLeftovers();
  }
  const key = env.KETNAP_DATA_DIR ?? freshName();
  const resources = byDataDir.get(key) ?? {};
  byDataDir.set(key, resources);
  const extra: Record<string, string> = {};
  if (!('KETNAP_EVENT_STORE' in env) && !('DATABASE_URL' in env)) {
    if (!resources.database) {
      const database = freshName();
      await withAdmin((client) => client.query(`CREATE DATABASE ${database}`));
      resources.database = database;
    }
    Object.assign(extra, { KETNAP_EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl(resources.database) });
  }
  if (!('REDIS_URL' in env) && !('KETNAP_REDIS_PREFIX' in env)) {
    resources.redisPrefix ??= freshName();
    Object.assign(extra, { REDIS_URL: serviceUrl('redis'), KETNAP_REDIS_PREFIX: resources.redisPrefix });
  }
  return extra;
}

/** The event store an app started on `dataDir` uses, for a suite that writes its log before starting it. */
export async function eventStoreOf(dataDir: string): Promise<EventStore> {
  const env = await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir });
  return env.DATABASE_URL
    ? new PostgresEventStore({ connectionString: env.DATABASE_URL })
    : new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
}

/**
 * Rows of a query on the store's own tables (`events`: SQL both dialects read alike), as an auditor with
 * database access would see them: the SQLite file in `dataDir`, or the app's PostgreSQL database. `[]`
 * when the SQLite file does not exist yet.
 */
export async function queryStoreTables<T>(dataDir: string, sql: string): Promise<T[]> {
  const env = await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir });
  if (env.DATABASE_URL) {
    const client = new Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('SET search_path TO ketnap');
      return (await client.query(sql)).rows as T[];
    } catch (error) {
      if ((error as { code?: string }).code === '42P01') return []; // the app has not created the store yet
      throw error;
    } finally {
      await client.end();
    }
  }
  const file = join(dataDir, 'ketnap.db');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Drops every database and Redis prefix this test file's apps got. */
export async function dropE2eStores(): Promise<void> {
  const all = [...byDataDir.values()];
  byDataDir.clear();
  const databases = all.flatMap(({ database }) => (database ? [database] : []));
  if (databases.length > 0) {
    await withAdmin(async (client) => {
      for (const database of databases) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
  }
  for (const { redisPrefix } of all) if (redisPrefix) await dropRedisPrefix(serviceUrl('redis'), redisPrefix);
}
