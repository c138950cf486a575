import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import { PROJECTIONS } from '@ketnap/engine';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { availableParallelism } from 'node:os';
import {
  DEFAULT_BATCH,
  ProjectionDatabase,
  rebuildProjections,
  splitByCost,
  type Projection,
} from '@ketnap/projections';
import { CliWorkerModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { got, say } from '../cli-text';
import { progressLine } from '../progress-line';
import { rebuildInTwoThreads } from './rebuild-threads';
import { cliConfig } from '../cli-config';

/**
 * `ketnap projections rebuild [NAME] [--batch-size N] [--threads 1|2]`: rebuilds one read model (or
 * all, in one pass over the log, or two passes side by side on two threads, the read models split
 * between them by cost) from position 0 into fresh generations, with a progress bar on stderr
 * (events/s, ETA), and swaps them in once caught up.
 * Safe while the server runs (it keeps answering from the old generation); killed half-way, the next
 * run resumes where it stopped.
 */
export function registerProjectionsRebuild(program: Command, out: (line: string) => void): void {
  program
    .command('projections')
    .description('read models')
    .command('rebuild')
    .description('rebuild read models from the start of the log and swap them in')
    .argument('[name]', 'one read model (default: all)')
    .option('--batch-size <n>', 'events per transaction', String(DEFAULT_BATCH))
    .option(
      '--threads <n>',
      'threads that read the log, each rebuilding some of the read models: 1 or 2',
      String(Math.min(2, availableParallelism())),
    )
    .action(async (name: string | undefined, options: { batchSize: string; threads: string }) => {
      if (!/^\d{1,6}$/.test(options.batchSize) || Number(options.batchSize) < 1)
        throw new UsageError(say('cli.rebuild.batchSize', { got: got(options.batchSize) }));
      if (options.threads !== '1' && options.threads !== '2')
        throw new UsageError(say('cli.rebuild.threads', { got: got(options.threads) }));
      const threads = Number(options.threads);
      const config = { ...cliConfig(), worker: false };
      if (config.eventStore === 'memory') throw new UsageError(say('cli.memoryStore', { instead: 'npm start' }));
      const app = await NestFactory.createApplicationContext(CliWorkerModule.forRoot(config), { logger: ['error'] });
      try {
        const all = app.get<Projection[]>(PROJECTIONS);
        const selected = name === undefined ? all : all.filter((p) => p.name === name);
        if (selected.length === 0)
          throw new UsageError(say('cli.rebuild.unknown', { name: got(name!), names: all.map((p) => p.name) }));
        const store = app.get<EventStore>(EVENT_STORE);
        const pdb = app.get(ProjectionDatabase);
        for (const p of selected) {
          const resumed = (await pdb.generations(p.name)).find(
            (g) => g.status === 'building' && g.version === p.version,
          );
          if (resumed)
            out(
              say('cli.rebuild.resuming', { name: p.name, generation: resumed.generation, position: resumed.position }),
            );
        }
        const bar = progressLine();
        const started = Date.now();
        const batchSize = Number(options.batchSize);
        const [here, there] = threads === 2 ? splitByCost(selected) : [selected, []];
        if (there.length > 0) await rebuildInTwoThreads(store, pdb, here, there, { batchSize, onProgress: bar.update });
        else await rebuildProjections(store, pdb, selected, { batchSize, onProgress: bar.update });
        bar.end();
        const seconds = Math.round((Date.now() - started) / 100) / 10;
        for (const p of selected) {
          const active = (await pdb.active(p.name))!;
          const { generation, position, events } = active;
          out(say('cli.rebuild.active', { name: p.name, generation, position, events, seconds }));
        }
      } finally {
        await app.close();
      }
    });
}
