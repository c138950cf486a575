import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Lets V8 grow a heap to half again what survived its last full collection, not up to four times:
 * the worker catching up with the log and a past-date report churn through far more than they keep,
 * and the server held that headroom for good. Read at each collection, so it holds for a thread
 * started after it (the worker's thread of `npm start`) too. For the long-running processes only.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * A full collection of the calling thread's heap, which gives its empty pages back to the system.
 * Node exposes one only under `--expose-gc`; a context made after the flag is set gets the function.
 */
export function collectHeap(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

let gc: (() => void) | undefined;

/**
 * Events the consumers must have handled between them (the sum of their positions' moves) since the
 * last collection for a pause to earn another one.
 */
export const COLLECT_AFTER_EVENTS = 10_000;
/** How long the consumers' positions must stand still before the heap is collected. */
export const COLLECT_QUIET_MS = 1_000;

/**
 * Collects a thread's heap once its log consumers have handled many events and then stand still (a
 * catch-up done): catching up churns through far more than it keeps, and V8 gives the room back only
 * after a long idle spell that a worker polling the log never has, so the process kept it.
 */
export class SettledCollector {
  private last: number | undefined;
  private collectedAt = 0;
  private movedAt = 0;

  constructor(
    private readonly collect: () => void = collectHeap,
    private readonly options = { afterEvents: COLLECT_AFTER_EVENTS, quietMs: COLLECT_QUIET_MS },
  ) {}

  /** Given the consumers' positions at `now` (ms), collects when they have settled after enough events. */
  observe(positions: Record<string, number>, now: number): void {
    const handled = Object.values(positions).reduce((sum, p) => sum + p, 0);
    if (this.last === undefined) this.collectedAt = handled;
    if (handled !== this.last) {
      this.last = handled;
      this.movedAt = now;
      return;
    }
    if (now - this.movedAt < this.options.quietMs || handled - this.collectedAt < this.options.afterEvents) return;
    this.collectedAt = handled;
    this.collect();
  }
}

/** What a request may add to the heap (garbage included) before its answer collects it, in MiB. */
export const COLLECT_AFTER_REQUEST_MIB = 16;

/**
 * Collects the API's heap once a request that grew it a lot (a report reading tens of thousands of
 * rows, a past-date report folding the log) has been answered and no other request is being answered:
 * what such a read kept long enough to outlive the young generation, and the copies of a large answer,
 * stayed in the heap until a full collection that an idle server never needs, so every heavy read left
 * the process larger. Busy, the server leaves collecting to V8, so many small requests never pay for one.
 */
export class RequestHeapCollector {
  private inFlight = 0;

  constructor(
    private readonly collect: () => void = collectHeap,
    private readonly used: () => number = () => getHeapStatistics().used_heap_size,
    private readonly limitBytes = COLLECT_AFTER_REQUEST_MIB * 2 ** 20,
  ) {}

  /** A request came: the heap it starts with, for {@link ended}. */
  started(): number {
    this.inFlight += 1;
    return this.used();
  }

  /** The request that started with `usedAtStart` has ended, answered or not: collects if it grew the heap past the limit. */
  ended(usedAtStart: number): void {
    this.inFlight -= 1;
    if (this.inFlight === 0 && this.used() - usedAtStart > this.limitBytes) this.collect();
  }
}
