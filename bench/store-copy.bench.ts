import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ketnap/event-store';
import { writeSyntheticLog } from '@ketnap/projections/testing';
import { cliNodeFlags } from './projections/rebuild.bench';

export interface StoreCopyBenchRow {
  target: string;
  batch: number;
  events: number;
  copySeconds: number;
  eventsPerSecond: number;
  /** The whole command: the copy, then the target's chain verified and the source's log counted. */
  commandSeconds: number;
}

const REPO = join(__dirname, '..');
const COPIED = /copied ([\d,]+) events in ([\d.]+) s/;

/**
 * `ketnap store copy` from a realistic SQLite log of `events` events (the rebuild bench's synthetic
 * log) into a fresh SQLite file, run as the command runs (a child process with its node flags). The
 * copy's rate is the command's own figure; the command's time adds the check of the copy.
 */
export async function benchStoreCopy(options: {
  events: number;
  batches?: number[];
  log?: (line: string) => void;
}): Promise<{ rows: StoreCopyBenchRow[]; writeSeconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-copy-'));
  try {
    const dataDir = join(dir, 'data');
    const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    const writeStarted = process.hrtime.bigint();
    const events = await writeSyntheticLog(store, {
      dossiers: Math.ceil(options.events / 15),
      maxEvents: options.events,
      seed: 2024,
    });
    const writeSeconds = Number(process.hrtime.bigint() - writeStarted) / 1e9;
    await store.close();
    options.log?.(`log written: ${events.toLocaleString('en-US')} events in ${writeSeconds.toFixed(1)} s`);
    const rows: StoreCopyBenchRow[] = [];
    for (const batch of options.batches ?? [2000]) {
      const target = join(dir, `copy-${batch}.db`);
      const started = process.hrtime.bigint();
      const child = spawnSync(
        process.execPath,
        [
          ...cliNodeFlags(),
          '-r',
          join(REPO, 'test/support/register-ts.js'),
          join(REPO, 'apps/cli/src/main.ts'),
          'store',
          'copy',
          '--to',
          target,
          '--batch',
          String(batch),
        ],
        { encoding: 'utf8', env: { ...process.env, KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' } },
      );
      const commandSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const copied = COPIED.exec(child.stdout);
      if (child.status !== 0 || !copied) throw new Error(`store copy failed: ${child.stderr}`);
      const copySeconds = Number(copied[2]);
      rows.push({
        target: 'sqlite',
        batch,
        events: Number(copied[1].replace(/,/g, '')),
        copySeconds,
        eventsPerSecond: Math.round(events / copySeconds),
        commandSeconds: Number(commandSeconds.toFixed(1)),
      });
      options.log?.(child.stdout.trim().split('\n').join(' | '));
    }
    return { rows, writeSeconds: Number(writeSeconds.toFixed(1)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `node -r ./test/support/register-ts.js bench/store-copy.bench.ts [EVENTS] [BATCH…]`: this bench alone. */
if (require.main === module) {
  const [events, ...batches] = process.argv.slice(2).map(Number);
  benchStoreCopy({
    events: events || 1_000_000,
    batches: batches.length > 0 ? batches : undefined,
    log: (line) => process.stdout.write(`${line}\n`),
  }).then(
    ({ rows }) => console.table(rows),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
