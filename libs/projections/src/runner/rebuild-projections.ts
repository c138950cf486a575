import { decodeEvent } from '@ketnap/domain';
import {
  leaseOwner,
  type DecodedEnvelope,
  type EventStore,
  type LeaseRecord,
  type LogCheckpoint,
  type LogPage,
} from '@ketnap/event-store';
import type { Projection } from '../projection';
import { LeaseLostError, type Generation, type ProjectionDatabase } from './projection-database';

/**
 * What a rebuild reads: the log's pages and head, and earlier events of a stream for projections that
 * ask (`load`); it places events by the store's own log order (`compareCheckpoints`).
 */
export type RebuildSource = Pick<EventStore, 'readAll' | 'headPosition' | 'readStream' | 'compareCheckpoints'> &
  Partial<Pick<EventStore, 'name'>>;

/**
 * Stores that read in this process, synchronously: asking one for the next page before applying this
 * one overlaps nothing, and only keeps a second page alive meanwhile (it outlives the young generation).
 */
const IN_PROCESS_STORES = new Set(['sqlite', 'memory']);

export interface Progress {
  /** The read model rebuilt (several: their names joined with ", "). */
  projection: string;
  generation: number;
  position: number;
  head: number;
  events: number;
  eventsPerSecond: number;
  /** Seconds left at the current rate, `null` before the rate is known. */
  etaSeconds: number | null;
}

export interface RebuildOptions {
  owner?: string;
  batchSize?: number;
  onProgress?: (p: Progress) => void;
  /** Checked between pages: true stops the rebuild, leaving its generations `building` to resume. */
  stopped?: () => boolean;
  /**
   * How long to wait before reading again after a page that is empty but not the end (PostgreSQL:
   * committed events held back by a transaction still open), default 100 ms.
   */
  pollIntervalMs?: number;
  /**
   * Leases the caller holds (a runner's): renewed with the rebuild's own and checked on every write
   * like them, so a long build keeps them; the caller releases them.
   */
  holding?: readonly LeaseRecord[];
}

/** As a runner's: a process killed while building hands the build over as soon as it hands its runner over. */
const LEASE_MS = 30_000;

/** Another process (a worker, `ketnap projections rebuild`) is rebuilding the read model: try later. */
export class RebuildRunningError extends Error {
  override readonly name = 'RebuildRunningError';
  constructor(readonly projection: string) {
    super(`a rebuild of ${projection} is already running`);
  }
}

/**
 * Events per page and transaction. The read models hold their state in memory while building, so a
 * transaction writes little whatever its size; what matters is that a page's events die young: a page
 * that outlives the young generation is copied out of it. On 1,000,000 events with the CLI's 16 MiB
 * semi-spaces, pages of 1,000 rebuilt as fast as pages of 2,000 with 32 MiB ones, in 120 MiB less
 * (two threads); pages of 2,000 with 16 MiB took a quarter more CPU, pages of 500 as much as 1,000.
 */
export const DEFAULT_BATCH = 1_000;
const DEFAULT_POLL_MS = 100;

/**
 * Rebuilds several read models in one pass over the log: each page is read, parsed and decoded once
 * and applied to every new generation in one transaction, then all are swapped in once caught up. A
 * generation a killed rebuild left `building` is resumed; when they stopped at different places the
 * pass starts at the one furthest behind and each skips the events it already holds, by log order.
 */
export async function rebuildProjections(
  store: RebuildSource,
  pdb: ProjectionDatabase,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<Progress> {
  const owner = options.owner ?? leaseOwner('rebuild');
  const own: LeaseRecord[] = [];
  const leases: LeaseRecord[] = [...(options.holding ?? [])];
  try {
    for (const p of projections) {
      const lease = await pdb.lease(`${p.name}#rebuild`, owner, LEASE_MS);
      if (!lease) throw new RebuildRunningError(p.name);
      own.push(lease);
      leases.push(lease);
    }
    const current = () =>
      Promise.all(
        projections.map(async (p, i) =>
          (await pdb.generations(p.name)).find((g) => g.generation === generations[i].generation)!,
        ),
      );
    let generations: Generation[] = [];
    for (const p of projections)
      generations.push(
        (await pdb.generations(p.name)).find((g) => g.status === 'building' && g.version === p.version) ??
          (await pdb.createGeneration(p, 'building')),
      );
    for (const [i, projection] of projections.entries())
      await replay(store, pdb, projection, generations[i], options.batchSize ?? DEFAULT_BATCH, leases);
    const behind = generations.reduce((a, b) => (store.compareCheckpoints(b.checkpoint, a.checkpoint) < 0 ? b : a));
    const from = behind.position;
    const started = Date.now();
    let head = await store.headPosition();
    let progress = progressOf(projections, generations, from, from, head, 0);
    const read = (after: string): Promise<LogPage> => {
      const page = store.readAll({ after, limit: options.batchSize ?? DEFAULT_BATCH });
      page.catch(() => undefined); // asked for ahead: a stop may leave it unread
      return page;
    };
    let after = behind.checkpoint;
    let next = read(after);
    const readAhead = !IN_PROCESS_STORES.has(store.name ?? '');
    for (;;) {
      const page = await next;
      const heldBack = !page.isEnd && page.events.length === 0;
      // Ask for the next page before applying this one: a store that reads asynchronously (over the network) overlaps the two.
      if (readAhead && !page.isEnd && !heldBack) next = read(page.checkpoint);
      if (page.events.length > 0) {
        const events = page.events.map(decodeEvent);
        const items = projections.map((projection, i) => ({
          projection,
          generation: generations[i].generation,
          events: unapplied(store, events, page.checkpoints, generations[i], after),
        }));
        for (const item of items) await pdb.load(item.projection, item.generation, item.events, store);
        // The page's transaction renews the leases as it checks them: no transaction of their own.
        await pdb.applyPages(items, page.checkpoint, leases, Date.now() + LEASE_MS);
        generations = await current();
      } else await renew(pdb, leases);
      if (!readAhead && !page.isEnd && !heldBack) next = read(page.checkpoint);
      after = page.checkpoint;
      const position = page.events.at(-1)?.globalPosition ?? progress.position;
      head = Math.max(head, position);
      progress = progressOf(projections, generations, from, position, head, (Date.now() - started) / 1000);
      options.onProgress?.(progress);
      if (page.isEnd) break;
      if (options.stopped?.()) return progress;
      if (heldBack) next = later(options.pollIntervalMs ?? DEFAULT_POLL_MS, () => read(page.checkpoint));
    }
    for (const [i, p] of projections.entries()) await pdb.swapIn(p, generations[i].generation, leases);
    return progress;
  } finally {
    for (const lease of own) await pdb.release(lease.name, owner);
  }
}

/** Renews the rebuild's leases; one another process took meanwhile (a new token) ends the rebuild. */
async function renew(pdb: ProjectionDatabase, leases: readonly LeaseRecord[]): Promise<void> {
  for (const lease of leases) {
    const renewed = await pdb.lease(lease.name, lease.owner, LEASE_MS);
    if (renewed?.token !== lease.token) throw new LeaseLostError(lease);
  }
}

/**
 * A page that is empty but not the end: committed events wait behind a transaction still open, so
 * the next read waits a while rather than asking again at once (a busy loop until it commits).
 */
function later<T>(ms: number, read: () => Promise<T>): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms)).then(read);
}

/**
 * The events of a page read after `after` that a generation has not applied: all of them when it
 * stands at `after`; else (a generation resumed ahead of the others) those after its checkpoint in
 * the store's log order. Not by position: on PostgreSQL positions do not follow the log order.
 */
function unapplied(
  store: RebuildSource,
  events: DecodedEnvelope[],
  checkpoints: readonly LogCheckpoint[],
  generation: Generation,
  after: LogCheckpoint,
): DecodedEnvelope[] {
  if (generation.checkpoint === after) return events;
  return events.filter((_, i) => store.compareCheckpoints(checkpoints[i], generation.checkpoint) > 0);
}

/**
 * What a resumed generation's projection kept in memory only when the last rebuild stopped: the
 * events after the checkpoint it names, up to the generation's checkpoint in log order, applied once
 * more. (The pages read again hold only events the generation counted, so none is held back.)
 */
async function replay(
  store: RebuildSource,
  pdb: ProjectionDatabase,
  projection: Projection,
  generation: Generation,
  batchSize: number,
  fence: readonly LeaseRecord[],
): Promise<void> {
  let after = await pdb.resume(projection, generation.generation);
  // Up to the generation's checkpoint only: past it a page may be held back (empty, not the end).
  while (after !== undefined && store.compareCheckpoints(after, generation.checkpoint) < 0) {
    const page = await store.readAll({ after, limit: batchSize });
    const events = page.events
      .filter((_, i) => store.compareCheckpoints(page.checkpoints[i], generation.checkpoint) <= 0)
      .map(decodeEvent);
    if (events.length > 0) {
      await pdb.load(projection, generation.generation, events, store, after);
      await pdb.replay(projection, generation.generation, events, after, fence);
    }
    if (page.isEnd || events.length < page.events.length) return;
    after = page.checkpoint;
  }
}

function progressOf(
  projections: readonly Projection[],
  generations: Generation[],
  from: number,
  position: number,
  head: number,
  seconds: number,
): Progress {
  const rate = seconds > 0 ? (position - from) / seconds : 0;
  return {
    projection: projections.map((p) => p.name).join(', '),
    generation: Math.max(...generations.map((g) => g.generation)),
    position,
    head,
    events: Math.min(...generations.map((g) => g.events)),
    eventsPerSecond: Math.round(rate),
    etaSeconds: rate > 0 ? Math.max(0, (head - position) / rate) : null,
  };
}
