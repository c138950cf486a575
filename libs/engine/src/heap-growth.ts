import { setFlagsFromString } from 'node:v8';
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

/** Events the consumers must have handled since the last collection for a pause to earn another one. */
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
