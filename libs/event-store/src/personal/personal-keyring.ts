import {
  newDataKey,
  openPersonal,
  sealPersonal,
  unwrapDataKey,
  wrapDataKey,
  wrappingKeyId,
  type MasterKey,
} from './personal-cipher';
import type { PersonalKeyTable } from './personal-key-table';

export interface PersonalKeyringOptions {
  /** The master key new data keys are wrapped with (`KETNAP_MASTER_KEY`). */
  master: MasterKey;
  /** The master key `master` replaced, still opening the keys it wrapped until `rotate` rewraps them. */
  previous?: MasterKey;
  clock?: () => Date;
  /** How long an opened data key is kept in memory (default 30 s): an erasure elsewhere shows within it. */
  cacheMs?: number;
  /** How many opened data keys are kept at most (default 10,000). */
  cacheSize?: number;
}

/** What the store and the engine use of a keyring (the engine's opens its table on first use). */
export type Keyring = Pick<
  PersonalKeyring,
  'keyFor' | 'keysOf' | 'seal' | 'openSealed' | 'destroy' | 'forget' | 'rotate'
>;

/**
 * A subject's data key as the key table holds it, unwrapped with the master key when first used: a
 * reader of a page looks up the keys of all its subjects at once, and one that never reads their
 * personal parts (a rebuild of the deadlines) spares the unwrapping, one decryption a subject.
 */
export class DataKey {
  private opened?: Buffer;

  constructor(
    readonly subjectId: string,
    private readonly wrapped: string,
    private readonly masters: readonly MasterKey[],
  ) {}

  /** The key itself; throws a `PersonalDataError` when no configured master key opens it. */
  get key(): Buffer {
    this.opened ??= unwrapDataKey(this.masters, this.subjectId, this.wrapped);
    return this.opened;
  }
}

/** What the keyring holds for a subject when reading: its data key, or null once erased. */
export type SubjectKey = DataKey | null;

/**
 * The data keys of the subjects (dossiers) whose personal data is encrypted: made on first use,
 * wrapped by the master key in the key table, kept open in memory for a short while, destroyed on
 * erasure, rewrapped by a rotation of the master key.
 */
export class PersonalKeyring {
  private readonly masters: MasterKey[];
  private readonly clock: () => Date;
  private readonly cacheMs: number;
  private readonly cacheSize: number;
  private readonly open = new Map<string, { key: SubjectKey; until: number }>();

  constructor(
    private readonly table: PersonalKeyTable,
    options: PersonalKeyringOptions,
  ) {
    this.masters = [options.master, ...(options.previous ? [options.previous] : [])];
    this.clock = options.clock ?? (() => new Date());
    this.cacheMs = options.cacheMs ?? 30_000;
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  /** The subject's data key to seal with, made on first use; null when the subject's data was erased. */
  async keyFor(subjectId: string): Promise<Buffer | null> {
    const known = (await this.keysOf([subjectId])).get(subjectId);
    if (known !== undefined) return known && known.key;
    const made = await this.table.create(
      subjectId,
      wrapDataKey(this.masters[0], subjectId, newDataKey()),
      this.clock().toISOString(),
    );
    return this.remember(subjectId, this.dataKeyOf(subjectId, made.wrapped))?.key ?? null;
  }

  /**
   * The keys of the subjects that have one (null: erased), each unwrapped when first used; a subject
   * with no record is left out.
   */
  async keysOf(subjectIds: readonly string[]): Promise<Map<string, SubjectKey>> {
    const keys = new Map<string, SubjectKey>();
    const missing: string[] = [];
    const now = Date.now();
    for (const id of subjectIds) {
      const held = this.open.get(id);
      if (held && held.until > now) keys.set(id, held.key);
      else missing.push(id);
    }
    if (missing.length === 0) return keys;
    for (const [id, record] of await this.table.find(missing)) {
      keys.set(id, this.remember(id, this.dataKeyOf(id, record.wrapped)));
    }
    return keys;
  }

  /** The personal part sealed with the subject's key; null when the subject's data was erased. */
  async seal(subjectId: string, personal: unknown): Promise<string | null> {
    const key = await this.keyFor(subjectId);
    return key === null ? null : sealPersonal(key, subjectId, personal);
  }

  /** The sealed personal part opened; null when the subject's key was destroyed (or never made). */
  async openSealed(subjectId: string, sealed: string): Promise<unknown> {
    const key = (await this.keysOf([subjectId])).get(subjectId);
    return key ? openPersonal(key.key, subjectId, sealed) : null;
  }

  /** Drops what memory holds of the subject's key: the next use reads the table again. */
  forget(subjectId: string): void {
    this.open.delete(subjectId);
  }

  /** Destroys the subject's key here and in the table: true when a key was destroyed now. */
  async destroy(subjectId: string): Promise<boolean> {
    this.open.delete(subjectId);
    const destroyed = await this.table.destroy(subjectId, this.clock().toISOString());
    this.remember(subjectId, null);
    return destroyed;
  }

  /**
   * Rewraps with the current master key every data key another master key wrapped (after
   * `KETNAP_MASTER_KEY` changed, the old one given as previous). Events are not touched: the data keys
   * stay the same. Resumable: a key already rewrapped is left alone.
   */
  async rotate(
    onProgress?: (done: { seen: number; rewrapped: number; total: number }) => void,
  ): Promise<{ seen: number; rewrapped: number }> {
    const total = await this.table.count();
    const [current] = this.masters;
    let seen = 0;
    let rewrapped = 0;
    for (let after: string | null = null; ;) {
      const page = await this.table.page(after, 500);
      if (page.length === 0) break;
      for (const record of page) {
        seen += 1;
        if (record.wrapped === null || wrappingKeyId(record.wrapped) === current.id) continue;
        const key = unwrapDataKey(this.masters, record.subjectId, record.wrapped);
        if (await this.table.rewrap(record.subjectId, record.wrapped, wrapDataKey(current, record.subjectId, key))) {
          rewrapped += 1;
        }
      }
      after = page[page.length - 1].subjectId;
      onProgress?.({ seen, rewrapped, total });
    }
    return { seen, rewrapped };
  }

  private dataKeyOf(subjectId: string, wrapped: string | null): SubjectKey {
    return wrapped === null ? null : new DataKey(subjectId, wrapped, this.masters);
  }

  private remember(subjectId: string, key: SubjectKey): SubjectKey {
    if (this.open.size >= this.cacheSize) this.open.clear();
    this.open.set(subjectId, { key, until: Date.now() + this.cacheMs });
    return key;
  }
}
