import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { masterKeyOf } from '@ketnap/event-store';
import { DEFAULT_MAX_TOKEN_TTL_SECONDS, parseTtl } from '../auth/jwt';
import { demoClockPath, readDemoClock } from './demo-clock';
import { projectFolder } from './project-folder';

/** Bad configuration: names the variable, so the one line printed at start says what to fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** The event stores `KETNAP_EVENT_STORE` names; `GET /health` reports the one in use. */
export const EVENT_STORE_KINDS = ['sqlite', 'memory', 'postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

/** The engine's configuration, read once from the environment (DESIGN.md §7). */
export interface KetnapConfig {
  port: number;
  /** The address the HTTP server listens on: every address of the machine (`0.0.0.0`) unless narrowed. */
  host: string;
  dataDir: string;
  eventStore: EventStoreKind;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  databaseUrl?: string;
  eventStoreUrl?: string;
  redisUrl?: string;
  clock: 'system' | 'manual';
  startAt?: Date;
  /** The demo's clock file, when the manual clock runs from it (a demo data dir and `KETNAP_CLOCK` unset). */
  demoClockFile?: string;
  authSecret?: string;
  /** A rotated-out secret still accepted on tokens (never used to sign), until they expire. */
  authSecretPrevious?: string;
  /**
   * The master key wrapping the data keys of personal data (`KETNAP_MASTER_KEY`: 64 hex digits or
   * base64 of 32 bytes); unset: the data dir's `master-key` file, made on first use.
   */
  masterKey?: string;
  /** The master key `masterKey` replaced: opens what it wrapped until `ketnap keys rotate` rewraps it. */
  masterKeyPrevious?: string;
  /** Longest bearer-token lifetime accepted or minted (`AUTH_MAX_TTL`), in seconds. */
  authMaxTtlSeconds: number;
  /** Run the worker (consumers, saga) in the API process too; `npm start` does. */
  worker: boolean;
  /** Folder of extra working-day calendar files (one JSON per year) an operator adds or overrides. */
  calendarDir: string;
  /** Optional days off the operator turns on (e.g. 2026-11-24, Ngày Văn hóa Việt Nam). */
  optionalDaysOff: string[];
  /** Folder of rule set files (one JSON per rule set) that replace a built-in one by id or add one. */
  rulesDir: string;
  /** Reminders this many working days before each due date. */
  reminderDays: number[];
  /** Deadline reminders are POSTed here (signed with `webhookSecret`); unset: written to the log. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Folder of the signed audit checkpoints, one JSON file each (DESIGN.md §9). */
  checkpointDir: string;
  /** How often the worker signs a checkpoint when the log has moved; unset: only on demand. */
  checkpointIntervalMs?: number;
  /** How often the deadline sweep runs (it also runs on start and when the manual clock moves). */
  sweepIntervalMs: number;
  /** Prefix of the BullMQ keys on Redis, so that several deployments can share one Redis. */
  redisPrefix: string;
  /**
   * Which proxies in front of the API to believe about the client's address (`X-Forwarded-For`), in
   * Fastify's `trustProxy` terms: a hop count or addresses; `false` believes none (the default).
   */
  trustProxy: false | number | string[];
  /** Expensive reads (`/audit/verify`, quota reports as of a past date) one actor may make a minute. */
  expensiveReadsPerMinute: number;
  /** Dossiers kept folded in memory (least recently used dropped first), so a read or write folds only what came since. */
  dossierCache: number;
  /** Page cache of each connection to the embedded read models (`projections.db`), in MiB ({@link DEFAULT_READ_MODEL_CACHE_MIB}). */
  readModelCacheMiB: number;
  /** `json` lines (ISO timestamps) or `pretty` lines (dd/mm/yyyy, Vietnam time); default: pretty on a terminal. */
  logFormat: LogFormat;
  /** The least severe messages written: `debug` adds one line per request and Nest's start-up details. */
  logLevel: LogLevelName;
}

export type LogFormat = 'json' | 'pretty';
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Dossiers kept folded in memory by default: a folded dossier holds its events, sealed personal parts
 * included, up to about 12 KiB at the end of its procedure, so 4,096 of them stay under 50 MiB.
 */
export const DEFAULT_DOSSIER_CACHE = 4096;

/**
 * The page cache per read-model connection, in MiB, in every process: SQLite's own default. The pages
 * a report or a rebuild reads again are in the operating system's file cache anyway, and a connection
 * keeps every page it ever cached, so a large cache is resident memory held for good. On 1,000,000
 * events: the server caught up and after every report read once 263 MiB RSS with 2, 304 with 8, the
 * reports as fast; `ketnap projections rebuild` on two threads 608–614 MiB peak with 2, 693–744 with 64,
 * as fast (one pass: 441 against 539).
 */
export const DEFAULT_READ_MODEL_CACHE_MIB = 2;

/** Every variable ketnap reads, with what it means; the README table and docker-compose test use it. */
export const CONFIG_VARIABLES: Record<string, string> = {
  PORT: 'HTTP port (default 3000)',
  KETNAP_HOST:
    'address the HTTP server listens on: 0.0.0.0 (default, every IPv4 address: other PCs of the office reach it), :: (IPv6 too), 127.0.0.1 (this machine only)',
  KETNAP_DATA_DIR: "embedded database file and generated secret (default: data in ketnap's folder)",
  KETNAP_EVENT_STORE: 'sqlite (default), memory, postgres, eventstoredb',
  KETNAP_SQLITE_SYNCHRONOUS: 'NORMAL (default) or FULL (fsync every commit)',
  DATABASE_URL: 'PostgreSQL connection string',
  EVENTSTORE_URL: 'EventStoreDB connection string (esdb://…)',
  REDIS_URL: 'set: BullMQ timers on Redis; unset: embedded timers',
  KETNAP_CLOCK: 'system (default; manual on a demo data dir) or manual',
  KETNAP_START_AT: "the manual clock's starting instant (ISO 8601)",
  AUTH_SECRET: 'JWT signing secret (default: generated into the data dir)',
  AUTH_SECRET_PREVIOUS: 'the secret AUTH_SECRET replaced, accepted on tokens (never used to sign) during a rotation',
  KETNAP_MASTER_KEY:
    "master key wrapping the keys of candidates' personal data: 64 hex digits or base64 of 32 bytes (default: generated into the data dir as master-key)",
  KETNAP_MASTER_KEY_PREVIOUS:
    'the master key KETNAP_MASTER_KEY replaced, still opening the data keys it wrapped until `ketnap keys rotate`',
  AUTH_MAX_TTL: 'longest bearer-token lifetime accepted or minted: 30d (default), 8h, …',
  KETNAP_WORKER: 'on (default) runs the worker in the API process; off for API-only replicas',
  KETNAP_CALENDAR_DIR: 'extra working-day calendar files, one JSON per year (default <data dir>/calendar)',
  KETNAP_OPTIONAL_DAYS_OFF: 'comma-separated optional days off to turn on, e.g. 2026-11-24',
  KETNAP_RULES_DIR:
    'rule set files, one JSON per rule set, replacing a built-in one by id or adding one (default <data dir>/rules)',
  KETNAP_REMINDER_DAYS: 'working days before a due date to send reminders (default 10,3)',
  KETNAP_WEBHOOK_URL: 'deadline reminders are POSTed here as signed JSON (default: written to the log)',
  KETNAP_WEBHOOK_SECRET:
    'HMAC-SHA256 key of the webhook signature, at least 16 characters (required with KETNAP_WEBHOOK_URL)',
  KETNAP_CHECKPOINT_DIR: 'folder of the signed audit checkpoints (default <data dir>/checkpoints)',
  KETNAP_CHECKPOINT_INTERVAL:
    'how often the worker signs an audit checkpoint when the log has moved: 1h (default), 30m, …, or off',
  KETNAP_SWEEP_INTERVAL_SECONDS: 'seconds between deadline sweeps (default 60)',
  KETNAP_REDIS_PREFIX: 'prefix of the BullMQ keys on Redis (default bull)',
  KETNAP_TRUST_PROXY:
    "proxies believed about the client's address (X-Forwarded-For): a hop count, or loopback, linklocal, uniquelocal, addresses and CIDRs, comma-separated (default: none)",
  KETNAP_EXPENSIVE_READS_PER_MINUTE:
    'audit verifications and past-date quota reports one actor may ask a minute (default 10)',
  KETNAP_LANG: "the CLI's language: vi (default) or en",
  KETNAP_DOSSIER_CACHE:
    'dossiers kept folded in memory, up to about 12 KiB each (default 4096; 0: fold every read from the log)',
  KETNAP_READ_MODEL_CACHE_MIB: 'page cache of each connection to the embedded read models, in MiB (default 2)',
  KETNAP_LOG_FORMAT:
    'json (JSON lines, ISO timestamps) or pretty (dd/mm/yyyy HH:mm:ss, Vietnam time); default: pretty on a terminal',
  KETNAP_LOG_LEVEL: 'error, warn, info (default) or debug (adds a line per request)',
};

const oneOf = <T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(values as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${values.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
};

const optional = (env: NodeJS.ProcessEnv, name: string): string | undefined => (env[name] ? env[name] : undefined);

function urlOf(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL (${protocols.map((p) => `${p}//…`).join(' or ')})`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(name, `must start with ${protocols.join(' or ')}`);
  return value;
}

/** The host as WHATWG URL normalised it: `127.1` and `0x7f.0.0.1` read `127.0.0.1`; IPv6 keeps its brackets. */
const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/** `stdoutIsTty` picks the default log format: readable lines for a person, JSON lines for a collector. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTty: boolean = process.stdout.isTTY === true,
): KetnapConfig {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535)
    throw new ConfigError('PORT', `must be a port number 0-65535 (got ${JSON.stringify(portText)})`);
  const host = optional(env, 'KETNAP_HOST') ?? '0.0.0.0';
  if (isIP(host) === 0 && host !== 'localhost')
    throw new ConfigError('KETNAP_HOST', `must be an IP address or localhost (got ${JSON.stringify(host)})`);

  const eventStore = oneOf(env, 'KETNAP_EVENT_STORE', EVENT_STORE_KINDS, 'sqlite');
  const databaseUrl = urlOf(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const eventStoreUrl = urlOf(env, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrent:']);
  if (eventStore === 'postgres' && !databaseUrl)
    throw new ConfigError('DATABASE_URL', 'is required when KETNAP_EVENT_STORE=postgres');
  if (eventStore === 'eventstoredb' && !eventStoreUrl)
    throw new ConfigError('EVENTSTORE_URL', 'is required when KETNAP_EVENT_STORE=eventstoredb');

  const clock = oneOf(env, 'KETNAP_CLOCK', ['system', 'manual'] as const, 'system');
  let startAt: Date | undefined;
  const startText = optional(env, 'KETNAP_START_AT');
  if (startText !== undefined) {
    startAt = new Date(startText);
    if (Number.isNaN(startAt.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(startText)) {
      throw new ConfigError(
        'KETNAP_START_AT',
        `must be an ISO 8601 instant such as 2024-03-07T08:00:00+07:00 (got ${JSON.stringify(startText)})`,
      );
    }
  }
  const authSecret = optional(env, 'AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < 32)
    throw new ConfigError('AUTH_SECRET', 'must be at least 32 characters');
  const authSecretPrevious = optional(env, 'AUTH_SECRET_PREVIOUS');
  if (authSecretPrevious !== undefined && authSecretPrevious.length < 32) {
    throw new ConfigError('AUTH_SECRET_PREVIOUS', 'must be at least 32 characters');
  }
  const maxTtlText = optional(env, 'AUTH_MAX_TTL');
  const authMaxTtlSeconds = maxTtlText === undefined ? DEFAULT_MAX_TOKEN_TTL_SECONDS : parseTtl(maxTtlText);
  if (authMaxTtlSeconds === undefined) {
    throw new ConfigError(
      'AUTH_MAX_TTL',
      `must be a lifetime such as 30d, 8h or 90m (got ${JSON.stringify(maxTtlText)})`,
    );
  }

  const dataDir = resolve(env.KETNAP_DATA_DIR || join(projectFolder(), 'data'));
  // A demo data dir runs on the demo's own clock unless KETNAP_CLOCK says otherwise.
  let demo: ReturnType<typeof readDemoClock>;
  try {
    demo = optional(env, 'KETNAP_CLOCK') === undefined ? readDemoClock(dataDir) : undefined;
  } catch (error) {
    throw new ConfigError('KETNAP_DATA_DIR', (error as Error).message);
  }
  const optionalDaysOff = (optional(env, 'KETNAP_OPTIONAL_DAYS_OFF') ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const day of optionalDaysOff) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
      throw new ConfigError('KETNAP_OPTIONAL_DAYS_OFF', `${JSON.stringify(day)} is not a date (YYYY-MM-DD)`);
  }
  const reminderText = optional(env, 'KETNAP_REMINDER_DAYS') ?? '10,3';
  const reminderDays = reminderText.split(',').map((d) => Number(d.trim()));
  if (reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) {
    throw new ConfigError(
      'KETNAP_REMINDER_DAYS',
      `must be working-day counts from 1 to 60, comma-separated (got ${JSON.stringify(reminderText)})`,
    );
  }
  const webhookUrl = urlOf(env, 'KETNAP_WEBHOOK_URL', ['http:', 'https:']);
  // Reminders carry dossier ids and a signature: in clear only to a receiver on this very host.
  const webhookTarget = webhookUrl ? new URL(webhookUrl) : undefined;
  if (webhookTarget?.protocol === 'http:' && !isLoopback(webhookTarget.hostname)) {
    throw new ConfigError('KETNAP_WEBHOOK_URL', 'must be https:// (http:// only to localhost, 127.0.0.0/8 or [::1])');
  }
  const webhookSecret = optional(env, 'KETNAP_WEBHOOK_SECRET');
  if (webhookUrl && !webhookSecret)
    throw new ConfigError('KETNAP_WEBHOOK_SECRET', 'is required when KETNAP_WEBHOOK_URL is set');
  if (webhookSecret !== undefined && webhookSecret.length < 16)
    throw new ConfigError('KETNAP_WEBHOOK_SECRET', 'must be at least 16 characters');
  const checkpointText = optional(env, 'KETNAP_CHECKPOINT_INTERVAL') ?? '1h';
  const checkpointSeconds = checkpointText === 'off' ? undefined : parseTtl(checkpointText);
  // setInterval holds at most 2^31 - 1 ms, about 24.8 days
  if (checkpointText !== 'off' && (checkpointSeconds === undefined || checkpointSeconds > 24 * 86_400)) {
    throw new ConfigError(
      'KETNAP_CHECKPOINT_INTERVAL',
      `must be a duration up to 24d such as 30m, 1h or 1d, or off (got ${JSON.stringify(checkpointText)})`,
    );
  }
  const sweepText = optional(env, 'KETNAP_SWEEP_INTERVAL_SECONDS') ?? '60';
  if (!/^\d+$/.test(sweepText) || Number(sweepText) < 1 || Number(sweepText) > 86_400) {
    throw new ConfigError(
      'KETNAP_SWEEP_INTERVAL_SECONDS',
      `must be whole seconds from 1 to 86400 (got ${JSON.stringify(sweepText)})`,
    );
  }
  const redisPrefix = optional(env, 'KETNAP_REDIS_PREFIX') ?? 'bull';
  if (!/^[\w-]{1,64}$/.test(redisPrefix))
    throw new ConfigError(
      'KETNAP_REDIS_PREFIX',
      `must be 1 to 64 letters, digits, _ or - (got ${JSON.stringify(redisPrefix)})`,
    );
  const trustProxy = trustProxyOf(optional(env, 'KETNAP_TRUST_PROXY'));
  const expensiveText = optional(env, 'KETNAP_EXPENSIVE_READS_PER_MINUTE') ?? '10';
  if (!/^\d{1,6}$/.test(expensiveText) || Number(expensiveText) < 1) {
    throw new ConfigError(
      'KETNAP_EXPENSIVE_READS_PER_MINUTE',
      `must be a whole number from 1 (got ${JSON.stringify(expensiveText)})`,
    );
  }
  const cacheText = optional(env, 'KETNAP_DOSSIER_CACHE') ?? String(DEFAULT_DOSSIER_CACHE);
  if (!/^\d{1,7}$/.test(cacheText)) {
    throw new ConfigError(
      'KETNAP_DOSSIER_CACHE',
      `must be a whole number of dossiers, 0 for none (got ${JSON.stringify(cacheText)})`,
    );
  }
  const readModelCacheText = optional(env, 'KETNAP_READ_MODEL_CACHE_MIB') ?? String(DEFAULT_READ_MODEL_CACHE_MIB);
  if (!/^\d{1,5}$/.test(readModelCacheText) || Number(readModelCacheText) < 1) {
    throw new ConfigError(
      'KETNAP_READ_MODEL_CACHE_MIB',
      `must be a whole number of MiB from 1 (got ${JSON.stringify(readModelCacheText)})`,
    );
  }
  const masterKey = optional(env, 'KETNAP_MASTER_KEY');
  const masterKeyPrevious = optional(env, 'KETNAP_MASTER_KEY_PREVIOUS');
  for (const [variable, text] of [
    ['KETNAP_MASTER_KEY', masterKey],
    ['KETNAP_MASTER_KEY_PREVIOUS', masterKeyPrevious],
  ] as const) {
    if (text === undefined) continue;
    try {
      masterKeyOf(text);
    } catch (error) {
      throw new ConfigError(variable, (error as Error).message);
    }
  }
  if (masterKeyPrevious !== undefined && masterKey === undefined)
    throw new ConfigError('KETNAP_MASTER_KEY_PREVIOUS', 'is set without KETNAP_MASTER_KEY, the key that replaced it');
  return {
    port,
    host,
    dataDir,
    eventStore,
    sqliteSynchronous: oneOf(env, 'KETNAP_SQLITE_SYNCHRONOUS', ['NORMAL', 'FULL'] as const, 'NORMAL'),
    databaseUrl,
    eventStoreUrl,
    redisUrl: urlOf(env, 'REDIS_URL', ['redis:', 'rediss:']),
    ...(demo
      ? { clock: 'manual' as const, startAt: new Date(demo.now), demoClockFile: demoClockPath(dataDir) }
      : { clock, startAt }),
    authSecret,
    ...(authSecretPrevious && { authSecretPrevious }),
    authMaxTtlSeconds,
    ...(masterKey !== undefined && { masterKey }),
    ...(masterKeyPrevious !== undefined && { masterKeyPrevious }),
    worker: oneOf(env, 'KETNAP_WORKER', ['on', 'off'] as const, 'on') === 'on',
    calendarDir: resolve(env.KETNAP_CALENDAR_DIR || join(dataDir, 'calendar')),
    optionalDaysOff,
    rulesDir: resolve(env.KETNAP_RULES_DIR || join(dataDir, 'rules')),
    reminderDays,
    ...(webhookUrl && { webhookUrl }),
    ...(webhookSecret && { webhookSecret }),
    checkpointDir: resolve(env.KETNAP_CHECKPOINT_DIR || join(dataDir, 'checkpoints')),
    ...(checkpointSeconds !== undefined && { checkpointIntervalMs: checkpointSeconds * 1000 }),
    sweepIntervalMs: Number(sweepText) * 1000,
    redisPrefix,
    trustProxy,
    expensiveReadsPerMinute: Number(expensiveText),
    dossierCache: Number(cacheText),
    readModelCacheMiB: Number(readModelCacheText),
    logFormat: oneOf(env, 'KETNAP_LOG_FORMAT', ['json', 'pretty'] as const, stdoutIsTty ? 'pretty' : 'json'),
    logLevel: oneOf(env, 'KETNAP_LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}

const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** `KETNAP_TRUST_PROXY`: a hop count (1–10) or named ranges, addresses and CIDRs; never "trust every proxy". */
function trustProxyOf(text: string | undefined): false | number | string[] {
  if (text === undefined) return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const items = text.split(',').map((item) => item.trim());
    const fits = (item: string) => {
      const [address, bits, ...rest] = item.split('/');
      const version = isIP(address);
      return (
        PROXY_RANGES.includes(item) ||
        (version !== 0 &&
          rest.length === 0 &&
          (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128))))
      );
    };
    if (items.every(fits)) return items;
  }
  throw new ConfigError(
    'KETNAP_TRUST_PROXY',
    `must be a hop count from 1 to 10, or loopback, linklocal, uniquelocal, addresses and CIDRs, comma-separated (got ${JSON.stringify(text)})`,
  );
}
