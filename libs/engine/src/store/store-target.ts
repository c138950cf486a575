import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { englishOf, type Localizable, type MessageKey, type MessageParams } from '@ketnap/domain';
import {
  EventStoreDbEventStore,
  MemoryEventStore,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '@ketnap/event-store';
import type { KetnapConfig } from '../config/config';
import { sqlitePath } from './event-store.provider';

/** Where `ketnap store copy --to` writes: a SQLite file, a store in memory (tests), or a server. */
export type StoreTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'memory' }
  | { kind: 'postgres'; url: string }
  | { kind: 'eventstoredb'; url: string };

/** A target that cannot be opened; its message names the target without a password in it. */
export class StoreTargetError extends Error implements Localizable {
  constructor(
    readonly messageKey: MessageKey,
    readonly messageParams: MessageParams,
  ) {
    super(englishOf(messageKey, messageParams));
    this.name = 'StoreTargetError';
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const POSTGRES = ['postgres', 'postgresql'];
const EVENTSTOREDB = ['esdb', 'esdb+discover', 'kurrentdb', 'kurrent'];

/**
 * Reads a target as the user types it: `postgres://…`, `esdb://…`, `memory:`, `sqlite:PATH` (also
 * `sqlite:///abs/path`) or a bare file path, relative to the working folder.
 * @throws StoreTargetError for a scheme ketnap does not know
 */
export function parseStoreTarget(text: string): StoreTarget {
  const scheme = SCHEME.exec(text)?.[1].toLowerCase();
  // One letter before ':' is a Windows drive, not a scheme.
  if (scheme === undefined || scheme.length === 1) return sqliteTarget(text);
  if (scheme === 'sqlite') return sqliteTarget(text.slice('sqlite:'.length).replace(/^\/\//, ''));
  if (scheme === 'memory') return { kind: 'memory' };
  if (POSTGRES.includes(scheme)) return { kind: 'postgres', url: text };
  if (EVENTSTOREDB.includes(scheme)) return { kind: 'eventstoredb', url: text };
  throw new StoreTargetError('cli.store.unknownTarget', { scheme: `${scheme}://` });
}

function sqliteTarget(path: string): StoreTarget {
  if (path.trim() === '') throw new StoreTargetError('cli.store.noPath', {});
  return { kind: 'sqlite', path: resolve(path) };
}

/** Opens the store a copy is written to, created when it does not exist (a PostgreSQL schema is migrated on first use). */
export function openTargetStore(target: string | StoreTarget): EventStore {
  const parsed = typeof target === 'string' ? parseStoreTarget(target) : target;
  switch (parsed.kind) {
    case 'sqlite':
      return new SqliteEventStore({ path: parsed.path });
    case 'memory':
      return new MemoryEventStore();
    case 'postgres':
      return new PostgresEventStore({ connectionString: parsed.url });
    case 'eventstoredb':
      return new EventStoreDbEventStore({ connectionString: parsed.url });
    default: {
      const never: never = parsed;
      throw new Error(`unknown store target ${JSON.stringify(never)}`);
    }
  }
}

/** The target as shown in progress and messages: a server's URL without its password. */
export function targetLabel(target: StoreTarget): string {
  switch (target.kind) {
    case 'sqlite':
      return target.path;
    case 'memory':
      return 'memory:';
    case 'postgres':
    case 'eventstoredb':
      return withoutPassword(target.url);
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return `${url.split(':')[0]}://…`;
  }
}

/** True when the target is the configured store itself (the same file, or the same server URL). */
export function isConfiguredStore(config: KetnapConfig, target: StoreTarget): boolean {
  switch (target.kind) {
    case 'sqlite':
      return config.eventStore === 'sqlite' && sameFile(sqlitePath(config), target.path);
    case 'memory':
      return false;
    case 'postgres':
      return config.eventStore === 'postgres' && config.databaseUrl === target.url;
    case 'eventstoredb':
      return config.eventStore === 'eventstoredb' && config.eventStoreUrl === target.url;
  }
}

/** Two paths to one file, through links or `..` alike. */
function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return resolve(a) === resolve(b);
  const [x, y] = [statSync(a), statSync(b)];
  return x.dev === y.dev && x.ino === y.ino;
}
