import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '@ketnap/event-store';
import { rebuildProjections, type Progress, type ProjectionDatabase, type Projection } from '@ketnap/projections';

/** What a rebuild thread posts to the command's thread. */
export type ThreadMessage =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'done'; progress: Progress }
  | { kind: 'failed'; name: string; message: string };

/** What the command hands a rebuild thread: the read models it rebuilds, by name, and its page size. */
export interface ThreadWork {
  names: string[];
  batchSize: number;
}

/**
 * Rebuilds the read models `threaded` names in a worker thread (`projections-rebuild.thread`, which
 * starts the CLI's engine on the same configuration) while this thread rebuilds the others: each reads
 * the log and writes its own generations on a connection of its own, in parallel on two cores. The
 * progress shown is the one behind. When one fails the other stops after its page, its generations
 * left `building` for the next run to resume.
 */
export async function rebuildInTwoThreads(
  store: EventStore,
  pdb: ProjectionDatabase,
  here: readonly Projection[],
  threaded: readonly Projection[],
  options: { batchSize: number; onProgress?: (p: Progress) => void },
): Promise<void> {
  const entry = join(__dirname, `projections-rebuild.thread${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
  const work: ThreadWork = { names: threaded.map((p) => p.name), batchSize: options.batchSize };
  await waitForTheOtherThread(pdb);
  const worker = new Worker(entry, { workerData: work });
  let mine: Progress | undefined;
  let theirs: Progress | undefined;
  const show = () => {
    if (mine && theirs) options.onProgress?.(behind(mine, theirs));
  };
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: ThreadMessage) => {
      if (message.kind === 'failed') reject(Object.assign(new Error(message.message), { name: message.name }));
      else {
        theirs = message.progress;
        show();
        if (message.kind === 'done') resolve();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the rebuild thread ended with code ${code}`)));
  });
  let failed = false;
  finished.catch(() => (failed = true));
  try {
    if (here.length > 0)
      await rebuildProjections(store, pdb, here, {
        batchSize: options.batchSize,
        onProgress: (p) => {
          mine = p;
          show();
        },
        // The other thread failed: this one stops too, its generations left to resume.
        stopped: () => failed,
      });
    await finished;
  } finally {
    await worker.terminate();
  }
}

/**
 * On SQLite, lets a transaction of this thread wait for the other's as long as it takes: the swap of a
 * large read model writes what memory held and builds its indexes, seconds with the write lock held,
 * past the connection's usual wait (5 s).
 */
export async function waitForTheOtherThread(pdb: ProjectionDatabase): Promise<void> {
  if (pdb.sql.dialect === 'sqlite') await pdb.sql.exec(`PRAGMA busy_timeout = ${TURN_WAIT_MS}`);
}

/** How long a rebuild thread's transaction waits for the other's on SQLite. */
const TURN_WAIT_MS = 600_000;

/** The progress of two rebuilds as one: the names of both, the position and rate of the one behind. */
function behind(a: Progress, b: Progress): Progress {
  const slow = a.position <= b.position ? a : b;
  return {
    ...slow,
    projection: `${a.projection}, ${b.projection}`,
    generation: Math.max(a.generation, b.generation),
    head: Math.max(a.head, b.head),
    events: Math.min(a.events, b.events),
    etaSeconds: a.etaSeconds === null || b.etaSeconds === null ? null : Math.max(a.etaSeconds, b.etaSeconds),
  };
}
