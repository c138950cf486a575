import { dirname, join } from 'node:path';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { personalSubjectOfStream, type DomainEventType } from '@ketnap/domain';
import {
  PersonalDataStore,
  PersonalKeyTable,
  PersonalKeyring,
  PostgresSql,
  SqliteSql,
  ensurePrivateDir,
  masterKeyOf,
  newMasterKeyText,
  readOrCreatePrivateFile,
  type EventStore,
  type Keyring,
  type MasterKey,
  type SqlDatabase,
} from '@ketnap/event-store';
import { CLOCK, type Clock } from '../clock/clock';
import { ConfigError, type KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { targetLabel, type StoreTarget } from '../store/store-target';
import { PERSONAL_KEYRING } from './personal-keys.token';

export { PERSONAL_KEYRING };

/** The subject of the read models' own key (their personal columns, `ColumnCipher`): never a dossier id. */
export const READ_MODELS_SUBJECT = 'ketnap/read-models';

/** The file of the generated master key inside the data dir, when `KETNAP_MASTER_KEY` is not set. */
export const masterKeyPath = (config: Pick<KetnapConfig, 'dataDir'>): string => join(config.dataDir, 'master-key');

/** The SQLite file of the key table beside the embedded store (and beside EventStoreDB). */
export const keyTablePath = (config: Pick<KetnapConfig, 'dataDir'>): string => join(config.dataDir, 'personal-keys.db');

/** The PostgreSQL schema of the key table when the store is PostgreSQL. */
export const KEY_TABLE_SCHEMA = 'ketnap_keys';

type KeyConfig = Pick<KetnapConfig, 'dataDir' | 'eventStore' | 'databaseUrl' | 'masterKey' | 'masterKeyPrevious'>;

function masterKeyFrom(text: string, variable: string): MasterKey {
  try {
    return masterKeyOf(text);
  } catch (error) {
    throw new ConfigError(variable, (error as Error).message);
  }
}

/**
 * The master key that wraps every data key: `KETNAP_MASTER_KEY`, else the data dir's `master-key`
 * file, made on first use (mode 0600), else (the memory store) a key of this process only. With
 * `KETNAP_MASTER_KEY_PREVIOUS`, the key it replaced, which opens what it wrapped until `ketnap keys
 * rotate` rewraps it.
 */
export function masterKeysOf(config: KeyConfig): { master: MasterKey; previous?: MasterKey } {
  let master: MasterKey;
  if (config.masterKey !== undefined) master = masterKeyFrom(config.masterKey, 'KETNAP_MASTER_KEY');
  else if (config.eventStore === 'memory') master = masterKeyOf(newMasterKeyText());
  else {
    ensurePrivateDir(config.dataDir);
    master = masterKeyFrom(readOrCreatePrivateFile(masterKeyPath(config), newMasterKeyText), masterKeyPath(config));
  }
  if (config.masterKeyPrevious === undefined) return { master };
  return { master, previous: masterKeyFrom(config.masterKeyPrevious, 'KETNAP_MASTER_KEY_PREVIOUS') };
}

/**
 * The database of the key table: PostgreSQL's `ketnap_keys` schema when the store is PostgreSQL (every
 * process shares it), else `personal-keys.db` in the data dir (in memory with the memory store).
 */
export async function openKeyDatabase(config: KeyConfig): Promise<SqlDatabase> {
  if (config.eventStore === 'postgres')
    return PostgresSql.open({ url: config.databaseUrl!, schema: KEY_TABLE_SCHEMA, max: 2 });
  if (config.eventStore === 'memory') return new SqliteSql(':memory:');
  ensurePrivateDir(config.dataDir);
  return new SqliteSql(keyTablePath(config));
}

/**
 * Where the key table of a copy's target goes, as the app started on the target opens it: the target's
 * PostgreSQL database, or `personal-keys.db` beside a SQLite target file (its data dir). An
 * EventStoreDB target keeps its keys in the data dir of the app that runs on it: none here.
 */
export async function openTargetKeyTable(
  target: StoreTarget,
): Promise<{ table: PersonalKeyTable; database: SqlDatabase; where: string } | undefined> {
  let database: SqlDatabase;
  let where: string;
  if (target.kind === 'postgres') {
    database = await PostgresSql.open({ url: target.url, schema: KEY_TABLE_SCHEMA, max: 2 });
    where = `${targetLabel(target)} (schema ${KEY_TABLE_SCHEMA})`;
  } else if (target.kind === 'sqlite') {
    where = join(dirname(target.path), 'personal-keys.db');
    database = new SqliteSql(where);
  } else return undefined;
  try {
    return { table: await PersonalKeyTable.open(database), database, where };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Copies every key record (wrapped keys and destructions) into `target`: resumable, a destruction always carries over. */
export async function copyKeyTable(source: PersonalKeyTable, target: PersonalKeyTable): Promise<number> {
  let copied = 0;
  for (let after: string | null = null; ;) {
    const page = await source.page(after, 500);
    if (page.length === 0) return copied;
    await target.importRecords(page);
    copied += page.length;
    after = page[page.length - 1].subjectId;
  }
}

/** The keyring with the database it reads, which the caller closes after the keyring's last use. */
export interface OpenKeyring {
  keyring: PersonalKeyring;
  database: SqlDatabase;
  /** The key table itself: a store copy carries its rows to the target. */
  table: PersonalKeyTable;
}

export async function openPersonalKeyring(config: KeyConfig, clock?: () => Date): Promise<OpenKeyring> {
  const keys = masterKeysOf(config);
  const database = await openKeyDatabase(config);
  try {
    const table = await PersonalKeyTable.open(database);
    return { keyring: new PersonalKeyring(table, { ...keys, ...(clock && { clock }) }), database, table };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The store as the engine uses it: every dossier event's personal part sealed with the dossier's key
 * on append, opened on read (DESIGN.md §9). Only dossier streams hold personal data.
 */
export const withPersonalData = (store: EventStore, keyring: Keyring): EventStore =>
  new PersonalDataStore(store, keyring, personalSubjectOfStream, ERASURE_EVENT);

/** The event after which a dossier's key is destroyed: a reader that meets it forgets the key it holds. */
const ERASURE_EVENT = 'PersonalDataErased' satisfies DomainEventType;

/**
 * The engine's keyring as Nest holds it. The master key and the key table are opened on first use, so
 * a command refused before it touches personal data (a CLI run with bad input) leaves no file behind;
 * the table's database closes with the application.
 */
export class PersonalKeys implements OnApplicationShutdown {
  private opening?: Promise<OpenKeyring>;
  private opened?: OpenKeyring;
  readonly keyring: Keyring;

  constructor(
    private readonly config: KeyConfig,
    private readonly clock?: () => Date,
  ) {
    const ring = async () => (await this.open()).keyring;
    this.keyring = {
      keyFor: async (subject) => (await ring()).keyFor(subject),
      keysOf: async (subjects) => (await ring()).keysOf(subjects),
      seal: async (subject, personal) => (await ring()).seal(subject, personal),
      openSealed: async (subject, sealed) => (await ring()).openSealed(subject, sealed),
      destroy: async (subject) => (await ring()).destroy(subject),
      rotate: async (onProgress) => (await ring()).rotate(onProgress),
      // Nothing is held in memory before the first use.
      forget: (subject) => this.opened?.keyring.forget(subject),
    };
  }

  private open(): Promise<OpenKeyring> {
    this.opening ??= openPersonalKeyring(this.config, this.clock).then((opened) => (this.opened = opened));
    return this.opening;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.opening) await (await this.opening.catch(() => undefined))?.database.close();
  }
}

export const personalKeysProvider: Provider = {
  provide: PERSONAL_KEYRING,
  inject: [KETNAP_CONFIG, CLOCK],
  useFactory: (config: KetnapConfig, clock: Clock) => new PersonalKeys(config, () => clock.now()),
};
