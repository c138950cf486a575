import {
  insertRows,
  type DecodedEnvelope,
  type LogCheckpoint,
  type SqlDatabase,
  type SqlValue,
} from '@ketnap/event-store';
import type { ProjectionContext } from '../projection';
import { dossierIdOfStream, isDossierStream } from '@ketnap/domain';

/**
 * What a read model keeps of one dossier in memory: its value at `version` of the dossier's stream,
 * `pending` while only memory holds it (building).
 */
export interface Held<T> {
  version: number;
  value: T;
  /** The generation's tables hold rows of this dossier (else there is nothing to replace when writing it). */
  stored: boolean;
  /**
   * Since when only memory holds its change: how many events memory had counted then (log order:
   * positions do not follow it on PostgreSQL), and the checkpoint of the page it came in.
   */
  pending?: { counted: number; after: LogCheckpoint };
  /** The page (of this memory) that last changed it. */
  page?: number;
}

interface Node<T> {
  id: string;
  held: Held<T>;
  older?: Node<T>;
  newer?: Node<T>;
}

/**
 * Held dossiers of one generation by their stream's id (its hash computed once per event, whatever
 * the number of read models), least recently used first: a map and a doubly linked list, so
 * marking one used costs a few pointer moves (a `Map` deleted from and set again on every event
 * cost more than the read models' own work).
 */
export class HeldMap<T> {
  private readonly nodes = new Map<string, Node<T>>();
  private oldestNode?: Node<T>;
  private newestNode?: Node<T>;

  get size(): number {
    return this.nodes.size;
  }

  get(id: string): Held<T> | undefined {
    return this.nodes.get(id)?.held;
  }

  /** Holds `held` as the dossier's, most recently used from now on. */
  use(id: string, held: Held<T>): Held<T> {
    let node = this.nodes.get(id);
    if (node) {
      node.held = held;
      if (node === this.newestNode) return held;
      this.unlink(node);
    } else this.nodes.set(id, (node = { id, held }));
    node.older = this.newestNode;
    node.newer = undefined;
    if (this.newestNode) this.newestNode.newer = node;
    else this.oldestNode = node;
    this.newestNode = node;
    return held;
  }

  delete(id: string): void {
    const node = this.nodes.get(id);
    if (!node) return;
    this.unlink(node);
    this.nodes.delete(id);
  }

  /** The least recently used dossier, or `undefined` when empty. */
  oldest(): [string, Held<T>] | undefined {
    return this.oldestNode && [this.oldestNode.id, this.oldestNode.held];
  }

  private unlink(node: Node<T>): void {
    if (node.older) node.older.newer = node.newer;
    else this.oldestNode = node.newer;
    if (node.newer) node.newer.older = node.older;
    else this.newestNode = node.older;
  }
}

/** A write to a generation's tables, run in the page's transaction (`ctx.sql`). */
export type Write = (ctx: ProjectionContext) => Promise<void>;

/** What memory holds of one generation: the dossiers, and those pending in the order they became so (oldest pending event first). */
interface Memory<T> {
  held: HeldMap<T>;
  pending: Map<string, Held<T>>;
  pages: number;
  /** Events of the pages applied before the one being applied. */
  counted: number;
  /**
   * Building a generation whose tables were empty when this memory started: the dossiers written
   * since. The tables hold no row of any other, so a dossier memory does not hold need not be looked for.
   */
  written?: WrittenDossiers;
  /** While a page is folded ahead of its transaction (`prepare`): the writes it holds back. */
  deferring?: Write[];
  /** The page `prepare` folded, and its writes, until `applyPrepared` runs them. */
  prepared?: { events: readonly DecodedEnvelope[]; writes: Write[] };
}

/** Bits of a `WrittenDossiers` (1 MiB), and the bits each dossier sets. */
const WRITTEN_BITS = 1 << 23;
const WRITTEN_PROBES = 4;

/**
 * The dossiers written to a generation's tables, by their stream's id: a Bloom filter, whose memory
 * stays the same however many dossiers a rebuild writes. `has` is true for every dossier added, and
 * for a few never added (1 in 500 with 500,000 added): their rows are then looked for, and not found.
 */
export class WrittenDossiers {
  private readonly bits = new Int32Array(WRITTEN_BITS >>> 5);
  private h1 = 0;
  private h2 = 0;

  add(stream: string): void {
    this.hash(stream);
    for (let k = 0; k < WRITTEN_PROBES; k++) {
      const bit = this.bit(k);
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  has(stream: string): boolean {
    this.hash(stream);
    for (let k = 0; k < WRITTEN_PROBES; k++) {
      const bit = this.bit(k);
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /** Two hashes of the id (FNV-1a, and a multiplicative one), combined into each probe's bit. */
  private hash(stream: string): void {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < stream.length; i++) {
      const c = stream.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = h1;
    this.h2 = h2 | 1;
  }

  private bit(k: number): number {
    return (this.h1 + Math.imul(k, this.h2)) & (WRITTEN_BITS - 1);
  }
}

/** A write of an event of another stream (`HeldDossiers.applyRows`), run in the page's transaction. */
type OtherStreamWrite = (ctx: ProjectionContext, e: DecodedEnvelope) => Promise<void>;

/** A dossier's first event, which starts its row. */
export type Nomination = Extract<DecodedEnvelope, { type: 'CandidateNominated' }>;

/** A read model's row of a dossier, kept in memory as `T` (see `HeldDossiers.applyRows`). */
export interface DossierRows<T> {
  /** The rows their table holds of these dossiers (those it holds), with the stream version each reflects. */
  read(ctx: ProjectionContext, dossierIds: readonly string[]): Promise<Map<string, { version: number; value: T }>>;
  /** The row a `CandidateNominated` event starts. */
  nominated(e: Nomination): T;
  /** Changes the row for a later event of its dossier (the version is moved by the caller). */
  next(row: T, e: DecodedEnvelope): void;
}

export interface HeldDossiersOptions<T> {
  /** Dossiers kept in memory while building a generation. */
  building: number;
  /** Dossiers kept in memory by a live generation, after each page has written the ones it touched. */
  live: number;
  /** While building, how many events a dossier may stay in memory only before it is written: the most a resumed rebuild reads again. */
  window: number;
  /** Writes dossiers' rows and the version they reflect (replacing a dossier's earlier rows when `held.stored`). */
  write(ctx: ProjectionContext, dossiers: ReadonlyArray<[dossierId: string, held: Held<T>]>): Promise<void>;
  /**
   * What `write` computes of the rows, done at once, and the write of them, run later in the page's
   * transaction: a page folded ahead of its transaction (`prepare`) then holds the transaction only
   * for the SQL. Default: `write` as it is, later, on a copy of each held dossier.
   */
  prepareWrite?(dossiers: ReadonlyArray<[dossierId: string, held: Held<T>]>): Write;
  /** The logical table with a row per written dossier (`dossier_id`): empty when a generation starts. */
  table: string;
}

/** How much a row-per-dossier read model holds in memory while building (see `HeldDossiers`). */
export interface HeldDossiersTuning {
  /**
   * Rows kept in memory while building a generation (default 8,192: on the bench's 1,000,000 events as
   * fast as 16,384 in 40 MiB less; 4,096 read rows back from the tables and took a fifth more CPU).
   */
  cachedDossiers?: number;
  /** While building, how many events a row may stay in memory only before it is written (default 100,000). */
  replayWindow?: number;
}

/**
 * The write-behind memory of a read model kept per dossier (DESIGN.md §6). Live, each page writes the
 * dossiers it touched. While a rebuild builds a generation, a dossier is written once: when it leaves
 * memory (least recently used beyond `building`), when it has been pending for `window` events, or at
 * `complete`; each page records in the generation's `replay` table the checkpoint of the oldest
 * pending event, from which a resumed rebuild applies the log again (`resume`), the projection
 * skipping events its tables already reflect (their stream version is at most the held `version`).
 */
export class HeldDossiers<T> {
  private readonly memory = new WeakMap<SqlDatabase, Map<string, Memory<T>>>();

  constructor(private readonly options: HeldDossiersOptions<T>) {}

  /**
   * Writes rows of dossiers (`dossier_id` then `columns`, each once): an insert, or an update in place
   * of the row already there (its indexes rewritten only where their columns are set).
   */
  static upsert(
    sql: SqlDatabase,
    table: string,
    columns: readonly string[],
    rows: ReadonlyArray<readonly SqlValue[]>,
  ): Promise<void> {
    const set = columns.map((c) => `${c} = excluded.${c}`).join(', ');
    return insertRows(
      sql,
      `${table} (dossier_id, ${columns.join(', ')})`,
      rows,
      `ON CONFLICT (dossier_id) DO UPDATE SET ${set}`,
    );
  }

  /** The `replay` table every generation using this memory must create. */
  static replayTable({ table }: ProjectionContext): string {
    return `CREATE TABLE ${table('replay')} (id INTEGER PRIMARY KEY CHECK (id = 1), after TEXT NOT NULL);`;
  }

  /** The dossiers memory holds for the context's generation. */
  of(ctx: ProjectionContext): HeldMap<T> {
    return this.memoryOf(ctx).held;
  }

  /**
   * Applies a page to a read model with one row per dossier (`rows`): a dossier's row comes from
   * memory, else from its table (`rows.read`), is started by the nomination and changed by each later
   * event whose stream version it does not reflect yet, then written as `endPage` says. Live, memory
   * keeps nothing between pages (each reads its rows from the tables, so a rolled-back page leaves no
   * trace). The rows memory lacks are read before the page is folded, in one query per chunk of
   * dossiers. Events of other streams go to `other`, in log order.
   */
  async applyRows(
    ctx: ProjectionContext,
    events: readonly DecodedEnvelope[],
    rows: DossierRows<T>,
    other?: OtherStreamWrite,
  ): Promise<void> {
    const memory = this.memoryOf(ctx, !ctx.building);
    const { held } = memory;
    const page = ++memory.pages;
    const touched: Array<[string, Held<T>]> = [];
    const stored = await this.readMissing(ctx, memory, events, rows);
    for (const e of events) {
      const stream = e.streamId;
      if (!isDossierStream(stream)) {
        if (other) await this.run(ctx, memory, (c) => other(c, e));
        continue;
      }
      let h = held.get(stream);
      if (h) {
        if (h.page !== page) held.use(stream, h);
      } else {
        const row = stored.get(dossierIdOfStream(stream)!);
        if (row) h = held.use(stream, { ...row, stored: true });
      }
      if (h && e.streamVersion <= h.version) continue;
      if (h) rows.next(h.value, e);
      // A dossier's first event is its nomination: a dossier without one has no row.
      else if (e.type === 'CandidateNominated')
        h = held.use(stream, { version: 0, value: rows.nominated(e), stored: false });
      else continue;
      this.advanced(ctx, stream, h, e);
      if (h.page !== page) {
        h.page = page;
        touched.push([stream, h]);
      }
    }
    await this.endPage(ctx, events, touched);
  }

  /** The stored rows of the page's dossiers that memory does not hold (and the tables may). */
  private async readMissing(
    ctx: ProjectionContext,
    memory: Memory<T>,
    events: readonly DecodedEnvelope[],
    rows: DossierRows<T>,
  ): Promise<Map<string, { version: number; value: T }>> {
    const missing = new Set<string>();
    for (const e of events) {
      const stream = e.streamId;
      if (isDossierStream(stream) && !memory.held.get(stream) && !this.unwritten(memory, stream))
        missing.add(dossierIdOfStream(stream)!);
    }
    return missing.size === 0 ? new Map() : rows.read(ctx, [...missing]);
  }

  /** True when the generation's tables surely hold no row of the dossier (its stream's id) that memory does not hold. */
  isUnwritten(ctx: ProjectionContext, stream: string): boolean {
    return this.unwritten(this.memoryOf(ctx), stream);
  }

  private unwritten(memory: Memory<T>, stream: string): boolean {
    return memory.written !== undefined && !memory.written.has(stream);
  }

  /** Records that the dossier's `held` (its stream's id) took event `e` of the page being applied. */
  advanced(ctx: ProjectionContext, stream: string, held: Held<T>, e: DecodedEnvelope): void {
    held.version = e.streamVersion;
    if (!ctx.building || held.pending) return;
    held.pending = { counted: this.memoryOf(ctx).counted, after: ctx.after };
    this.memoryOf(ctx).pending.set(stream, held);
  }

  /**
   * After a page's events are folded: live, writes the dossiers it touched and forgets the least
   * recently used beyond `live`; building, writes those leaving memory or pending for a whole window,
   * and records the replay point.
   */
  async endPage(
    ctx: ProjectionContext,
    events: readonly DecodedEnvelope[],
    touched: Iterable<[string, Held<T>]>,
  ): Promise<void> {
    const memory = this.memoryOf(ctx);
    if (!ctx.building) {
      await this.write(ctx, memory, [...touched]);
      await this.forget(ctx, memory, this.options.live);
      return;
    }
    await this.forget(ctx, memory, this.options.building);
    memory.counted += events.length;
    const due: Array<[string, Held<T>]> = [];
    for (const [stream, h] of memory.pending) {
      if (memory.counted - h.pending!.counted < this.options.window) break;
      due.push([stream, h]);
    }
    await this.write(ctx, memory, due);
    const oldest = memory.pending.values().next();
    const after = oldest.done ? undefined : oldest.value.pending!.after;
    await this.run(ctx, memory, ({ sql, table }) =>
      after === undefined
        ? sql.run(`DELETE FROM ${table('replay')}`).then(() => undefined)
        : sql
            .run(
              `INSERT INTO ${table('replay')} (id, after) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET after = excluded.after`,
              [after],
            )
            .then(() => undefined),
    );
  }

  /**
   * While building: folds a page into memory ahead of its transaction (from `Projection.load`, outside
   * it) with `fold`, holding back the writes it makes (`run`); `applyPrepared` runs them in the page's
   * transaction, which then holds the database only for the SQL. A transaction that fails ends the
   * rebuild, and the next resumes from the replay point with memory cleared, as when a page applied
   * in the transaction fails.
   */
  async prepare(ctx: ProjectionContext, events: readonly DecodedEnvelope[], fold: () => Promise<void>): Promise<void> {
    const memory = this.memoryOf(ctx);
    const writes: Write[] = [];
    memory.deferring = writes;
    try {
      await fold();
    } finally {
      memory.deferring = undefined;
    }
    memory.prepared = { events, writes };
  }

  /** In the page's transaction: runs the writes `prepare` held back for `events` (folding the page first if it did not). */
  async applyPrepared(
    ctx: ProjectionContext,
    events: readonly DecodedEnvelope[],
    fold: () => Promise<void>,
  ): Promise<void> {
    const memory = this.memoryOf(ctx);
    if (memory.prepared?.events !== events) await this.prepare(ctx, events, fold);
    const { writes } = memory.prepared!;
    memory.prepared = undefined;
    for (const write of writes) await write(ctx);
  }

  /** Runs a write now, or holds it back while a page is folded ahead of its transaction (`prepare`). */
  defer(ctx: ProjectionContext, write: Write): Promise<void> {
    return this.run(ctx, this.memoryOf(ctx), write);
  }

  private async run(ctx: ProjectionContext, memory: Memory<T>, write: Write): Promise<void> {
    if (memory.deferring) memory.deferring.push(write);
    else await write(ctx);
  }

  /** `Projection.resume`: forgets what memory holds of the generation and returns its replay point. */
  async resume(ctx: ProjectionContext): Promise<LogCheckpoint | undefined> {
    const memory = this.memoryOf(ctx, true);
    const empty = (await ctx.sql.get(`SELECT 1 AS one FROM ${ctx.table(this.options.table)} LIMIT 1`)) === undefined;
    if (empty) memory.written = new WrittenDossiers();
    return (await ctx.sql.get<{ after: string }>(`SELECT after FROM ${ctx.table('replay')}`))?.after;
  }

  /** `Projection.complete`: writes every pending dossier, and forgets the generations this one retires. */
  async complete(ctx: ProjectionContext): Promise<void> {
    const memory = this.memoryOf(ctx);
    memory.prepared = undefined;
    await this.write(ctx, memory, [...memory.pending]);
    await ctx.sql.run(`DELETE FROM ${ctx.table('replay')}`);
    const byGeneration = this.generationsOf(ctx);
    for (const key of byGeneration.keys()) if (key !== ctx.table('replay')) byGeneration.delete(key);
    memory.written = undefined;
    await this.forget(ctx, memory, this.options.live);
  }

  /** Writes the dossiers (by their stream's id) in one go, and notes them written. */
  private async write(ctx: ProjectionContext, memory: Memory<T>, dossiers: Array<[string, Held<T>]>): Promise<void> {
    if (dossiers.length === 0) return;
    const byId = dossiers.map(([stream, held]): [string, Held<T>] => [dossierIdOfStream(stream)!, held]);
    if (memory.deferring) {
      const { prepareWrite, write } = this.options;
      memory.deferring.push(
        prepareWrite
          ? prepareWrite(byId)
          : (c) =>
              write(
                c,
                byId.map(([id, held]) => [id, { ...held }]),
              ),
      );
    } else await this.options.write(ctx, byId);
    for (const [stream, held] of dossiers) {
      held.stored = true;
      held.pending = undefined;
      memory.pending.delete(stream);
      memory.written?.add(stream);
    }
  }

  /** Drops the least recently used dossiers beyond `keep`, writing those pending (building). */
  private async forget(ctx: ProjectionContext, memory: Memory<T>, keep: number): Promise<void> {
    const pending: Array<[string, Held<T>]> = [];
    while (memory.held.size > keep) {
      const [stream, h] = memory.held.oldest()!;
      if (h.pending) pending.push([stream, h]);
      memory.held.delete(stream);
    }
    await this.write(ctx, memory, pending);
  }

  private memoryOf(ctx: ProjectionContext, reset = false): Memory<T> {
    const byGeneration = this.generationsOf(ctx);
    const key = ctx.table('replay');
    let memory = byGeneration.get(key);
    if (!memory || reset)
      byGeneration.set(key, (memory = { held: new HeldMap(), pending: new Map(), pages: 0, counted: 0 }));
    return memory;
  }

  private generationsOf(ctx: ProjectionContext): Map<string, Memory<T>> {
    let byGeneration = this.memory.get(ctx.database);
    if (!byGeneration) this.memory.set(ctx.database, (byGeneration = new Map()));
    return byGeneration;
  }
}
