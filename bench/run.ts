// `npm run bench`: runs the benchmarks, prints a table each and writes bench/results/<name>-<time>.json.
// Figures are compared as ratios measured in one run; never as timed assertions in tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { benchAppends } from './event-store.bench';

const quick = process.argv.includes('--quick');

async function main(): Promise<void> {
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) };
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), machine };

  process.stdout.write('event store: SQLite adapter vs raw better-sqlite3 (appends/s, median of rounds)\n');
  const appends = await benchAppends(quick ? { normal: 2000, full: 200, rounds: 1 } : { normal: 20000, full: 2000, rounds: 3 });
  console.table(appends);
  results.eventStoreAppends = appends;

  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`written ${file}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
