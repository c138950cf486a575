import { decodeEvent } from '@ketnap/domain';
import { leaseOwner, lowestPositionAfter, type EventStore, type LeaseRecord } from '@ketnap/event-store';
import type { Projection } from '../projection';
import type { Generation, ProjectionDatabase } from './projection-database';
import {
  RebuildRunningError,
  rebuildProjections,
  type Progress,
  type RebuildOptions,
  type RebuildSource,
} from './rebuild-projections';

export type { Progress, RebuildOptions, RebuildSource };

export interface RunnerOptions {
  /** LeaseRecord owner id; defaults to a random one per runner. */
  owner?: string;
  batchSize?: number;
  /** How often to look for new events once caught up (default 100 ms: lists lag well under a second). */
  pollIntervalMs?: number;
  leaseMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Reads the log after a generation's checkpoint, decodes the page once and applies it; the read-model
 * writes and the new checkpoint commit together, so a crash never applies a page twice or skips one.
 */
export async function advance(
  store: EventStore,
  pdb: ProjectionDatabase,
  projection: Projection,
  generation: Generation,
  batchSize: number,
  fence: readonly LeaseRecord[] = [],
) {
  const page = await store.readAll({ after: generation.checkpoint, limit: batchSize });
  const events = page.events.map(decodeEvent);
  await pdb.load(projection, generation.generation, events, store);
  const applied =
    events.length > 0 ? await pdb.applyPage(projection, generation.generation, events, page.checkpoint, fence) : true;
  let position = generation.position;
  for (const e of events) if (e.globalPosition > position) position = e.globalPosition;
  return { applied, isEnd: page.isEnd, count: events.length, position };
}

/**
 * Builds a fresh generation from position 0 (or resumes the one a killed rebuild left) and swaps it
 * in once caught up. One rebuild per projection at a time (a lease). When `stopped` turns true it
 * returns between pages, leaving the generation `building` for the next rebuild to resume.
 */
export async function rebuildProjection(
  store: RebuildSource,
  pdb: ProjectionDatabase,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<Progress> {
  return rebuildProjections(store, pdb, [projection], options);
}

/**
 * Keeps one projection up to date with the log, in at most one process at a time (a lease in the
 * projection database). Its first generation, and a new one when its version changed, is built as a
 * rebuild builds (the old one, if any, answering meanwhile) and swapped in; after that it follows
 * the log page by page. A failing page is retried with backoff, never skipped.
 */
export class ProjectionRunner {
  readonly name: string;
  private readonly owner: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastPosition = 0;
  /** Pages read so far: `caughtUp` waits for the end of the log read by a later one. */
  private reads = 0;
  private waiters: Array<{ afterRead: number; position: number; resolve: () => void }> = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly pdb: ProjectionDatabase,
    private readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {
    this.name = projection.name;
    this.owner = options.owner ?? leaseOwner('runner');
  }

  /** The highest global position applied to the active generation. */
  position(): number {
    return this.lastPosition;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.pdb.release(this.projection.name, this.owner);
  }

  /**
   * Resolves once the active generation has applied every event committed before the call: when a
   * page read that started after the call has been applied and reached the end of the log. (On
   * PostgreSQL events commit out of position order, so a position applied says nothing of the lower
   * ones.) While another process holds the lease, once no event at or below `position` (default: the
   * head now) is left in the log after the active generation's checkpoint (see `standBy`).
   */
  async caughtUp(position?: number): Promise<void> {
    const afterRead = this.reads;
    const target = position ?? (await this.store.headPosition());
    await new Promise<void>((resolve) => {
      this.waiters.push({ afterRead, position: target, resolve });
      this.wake?.();
    });
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 1000;
    const interval = this.options.pollIntervalMs ?? 100;
    let failures = 0;
    while (this.running) {
      try {
        const lease = await this.pdb.lease(this.projection.name, this.owner, this.options.leaseMs ?? 30_000);
        if (!lease) {
          await this.standBy();
          await this.pause(interval * 10);
          continue;
        }
        const active = await this.pdb.active(this.projection.name);
        if (!active || active.version !== this.projection.version) {
          // No generation answers yet (a new deployment, a log copied in) or its code changed: it is
          // built as a rebuild builds (in memory, many times faster than page after page of live
          // writes on a long log) while the old one, if any, keeps answering, and swapped in.
          await rebuildProjection(this.store, this.pdb, this.projection, {
            owner: this.owner,
            stopped: () => !this.running,
            holding: [lease],
          });
          continue;
        }
        const read = (this.reads += 1);
        const step = await advance(this.store, this.pdb, this.projection, active, batchSize, [lease]);
        if (!step.applied) continue;
        this.lastPosition = Math.max(this.lastPosition, step.position);
        failures = 0;
        // An empty page that is not the end: committed events held back by a transaction still open.
        if (!step.isEnd && step.count === 0) await this.pause(interval);
        if (!step.isEnd) continue;
        this.resolveWaiters((w) => w.afterRead < read);
        await this.pause(interval);
      } catch (error) {
        if (error instanceof RebuildRunningError) {
          // Another process builds it (or did until it died: its lease runs out): as on standby.
          await this.pause(interval * 10);
          continue;
        }
        failures += 1;
        this.options.onError?.(error);
        await this.pause(Math.min(interval * 2 ** failures, 30_000));
      }
    }
  }

  /**
   * Another process holds the lease: follow the position it reached (for lag), and resolve the
   * waiters whose position every event left after its checkpoint is above.
   */
  private async standBy(): Promise<void> {
    const active = await this.pdb.active(this.projection.name);
    this.lastPosition = active?.position ?? 0;
    if (!active || this.waiters.length === 0) return;
    const bound = Math.min(...this.waiters.map((w) => w.position));
    const lowest = await lowestPositionAfter(this.store, active.checkpoint, bound, this.options.batchSize ?? 1000);
    this.resolveWaiters((w) => w.position < lowest);
  }

  private resolveWaiters(ready: (w: ProjectionRunner['waiters'][number]) => boolean): void {
    const resolved = this.waiters.filter(ready);
    this.waiters = this.waiters.filter((w) => !ready(w));
    for (const w of resolved) w.resolve();
  }

  private pause(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
