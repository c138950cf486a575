import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8 grow a heap to half again what survived its last full collection, not up to four times:
 * the worker catching up with the log and a past-date report churn through far more than they keep,
 * and the server held that headroom for good. Read at each collection, so it holds for a thread
 * started after it (the worker's thread of `npm start`) too. For the long-running processes only.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
