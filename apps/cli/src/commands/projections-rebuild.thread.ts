import { NestFactory } from '@nestjs/core';
import { parentPort, workerData } from 'node:worker_threads';
import { PROJECTIONS } from '@ketnap/engine';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { ProjectionDatabase, rebuildProjections, type Progress, type Projection } from '@ketnap/projections';
import { CliWorkerModule } from '../cli.module';
import { cliConfig } from '../cli-config';
import { waitForTheOtherThread, type ThreadMessage, type ThreadWork } from './rebuild-threads';

/** The worker thread of `rebuildInTwoThreads`: the CLI's engine on the same configuration, rebuilding the read models it is given. */
async function main(work: ThreadWork): Promise<void> {
  const post = (message: ThreadMessage) => parentPort!.postMessage(message);
  const app = await NestFactory.createApplicationContext(CliWorkerModule.forRoot({ ...cliConfig(), worker: false }), {
    logger: ['error'],
  });
  let progress: Progress;
  try {
    const selected = app.get<Projection[]>(PROJECTIONS).filter((p) => work.names.includes(p.name));
    const pdb = app.get(ProjectionDatabase);
    await waitForTheOtherThread(pdb);
    progress = await rebuildProjections(app.get<EventStore>(EVENT_STORE), pdb, selected, {
      batchSize: work.batchSize,
      onProgress: (p) => post({ kind: 'progress', progress: p }),
    });
  } finally {
    await app.close();
  }
  post({ kind: 'done', progress });
}

main(workerData as ThreadWork).catch((error: unknown) =>
  parentPort!.postMessage({
    kind: 'failed',
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  } satisfies ThreadMessage),
);
