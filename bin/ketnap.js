#!/usr/bin/env -S node --max-semi-space-size=16 --heap-growing-percent=100
// `npx ketnap …`: runs the built CLI (dist/apps/cli/src/main.js), building it first (`npm run build`)
// when it is missing or older than a source file under apps/ or libs/.
// The node flags above (also in `npm run cli`, and in the rebuild bench, which reads them here):
// `--max-semi-space-size` gives V8 a larger young generation, as `ketnap projections rebuild`
// allocates a page of events at a time: 16 MiB semi-spaces hold a page of 1,000 events while it is
// applied (32 held 2,000 as fast, and cost two threads 64 MiB more). `--heap-growing-percent` lets the
// old generation grow to twice what a full collection leaves before the next one, instead of the 3 to
// 4 times V8 picks itself: a rebuild's read models hold about 100 MB of dossiers whose state dies in
// the old generation once written, and that headroom, not what they hold, is most of its resident
// memory (see README, Benchmarks).
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(item.name) && !item.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale =
  !existsSync(entry) ||
  statSync(entry).mtimeMs < Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')));
if (stale) {
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    process.stderr.write('ketnap: building the CLI failed (npm run build)\n');
    process.exit(1);
  }
}
require(entry);
