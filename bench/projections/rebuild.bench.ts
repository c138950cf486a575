import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVietnamCalendar } from '@ketnap/domain';
import { SqliteEventStore } from '@ketnap/event-store';
import { DEFAULT_BATCH, ProjectionDatabase, coreProjections, deadlinesProjection, inspectionCasesProjection, rebuildProjection, rebuildProjections, type SqliteProjection } from '@ketnap/projections';
import { writeSyntheticLog } from '../../libs/projections/src/testing/synthetic-log';

export interface RebuildBenchRow {
  readModel: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The six read models `ketnap projections rebuild` rebuilds, with the engine's defaults. */
const allProjections = (): SqliteProjection[] => [...coreProjections(), deadlinesProjection({ calendar: createVietnamCalendar(), reminderDays: [10, 3] }), inspectionCasesProjection()];

/**
 * Rebuild rate of every read model from position 0 on a realistic SQLite log of `events` events
 * (dossiers of ~25 events when they go all the way, interleaved, with corrections and breaches),
 * pages of `batchSize`: each alone, then all six in one pass (what `ketnap projections rebuild` does
 * without a name). `read log only` is the floor: reading and parsing the log without a read model.
 * Peak RSS is sampled at every page.
 */
export async function benchRebuild(options: { events: number; batchSize?: number; log?: (line: string) => void }): Promise<{ rows: RebuildBenchRow[]; maxRssMiB: number; writeSeconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-rebuild-'));
  const store = new SqliteEventStore({ path: join(dir, 'ketnap.db') });
  const pdb = new ProjectionDatabase(join(dir, 'projections.db'));
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  try {
    const writeStarted = process.hrtime.bigint();
    const events = await writeSyntheticLog(store, { dossiers: Math.ceil(options.events / 15), maxEvents: options.events, seed: 2024 });
    const writeSeconds = Number(process.hrtime.bigint() - writeStarted) / 1e9;
    options.log?.(`log written: ${events.toLocaleString('en-US')} events in ${writeSeconds.toFixed(1)} s`);
    const rows: RebuildBenchRow[] = [];
    const timed = async (readModel: string, run: (sample: () => void) => Promise<void>) => {
      let peak = process.memoryUsage().rss;
      const sample = () => void (peak = Math.max(peak, process.memoryUsage().rss));
      const started = process.hrtime.bigint();
      await run(sample);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rows.push({ readModel, events, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(events / seconds), peakRssMiB: mib(peak) });
      options.log?.(`${readModel}: ${Math.round(events / seconds).toLocaleString('en-US')} events/s`);
    };
    await timed('read log only', async (sample) => {
      for (let page = await store.readAll({ limit: batchSize }); ; page = await store.readAll({ after: page.checkpoint, limit: batchSize })) {
        sample();
        if (page.isEnd) break;
      }
    });
    for (const projection of allProjections()) {
      await timed(projection.name, async (sample) => void (await rebuildProjection(store, pdb, projection, { batchSize, onProgress: sample })));
    }
    await timed('all six in one pass (ketnap projections rebuild)', async (sample) => void (await rebuildProjections(store, pdb, allProjections(), { batchSize, onProgress: sample })));
    return { rows, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), writeSeconds: Number(writeSeconds.toFixed(1)) };
  } finally {
    pdb.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `node -r ./test/support/register-ts.js bench/projections/rebuild.bench.ts [EVENTS]`: this bench alone. */
if (require.main === module) {
  benchRebuild({ events: Number(process.argv[2] ?? 1_000_000), log: (line) => process.stdout.write(`${line}\n`) }).then(({ rows, maxRssMiB }) => {
    console.table(rows);
    process.stdout.write(`peak RSS of the whole run (log generation included): ${maxRssMiB} MiB\n`);
  });
}
