import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Packages the embedded server without Redis never calls: PostgreSQL, EventStoreDB, BullMQ on Redis, XLSX. */
const UNUSED = ['pg', '@eventstore/db-client', 'bullmq', 'ioredis', 'exceljs'];

/** The packages of `UNUSED` loaded once `entries` (modules of the repository) are required, in a fresh process. */
function loadedAfterRequiring(entries: string[]): string[] {
  const script = `
    for (const entry of ${JSON.stringify(entries)}) require(entry);
    const loaded = Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]);
    process.stdout.write(JSON.stringify(${JSON.stringify(UNUSED)}.filter((p) => loaded.includes(p))));`;
  const child = spawnSync(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as string[];
}

describe("the server's modules (module.lazy in .swcrc)", () => {
  jest.setTimeout(60_000);

  // Each loaded package costs its source and compiled code in both the API's and the worker's heaps.
  it('loads no store client, queue or spreadsheet package with the API and worker modules, until one is used', () => {
    expect(
      loadedAfterRequiring([
        join(root, 'apps/api/src/api.module.ts'),
        join(root, 'apps/api/src/worker-thread/worker-thread.providers.ts'),
        join(root, 'libs/engine/src/worker/worker-app.ts'),
      ]),
    ).toEqual([]);
    expect(loadedAfterRequiring([join(root, 'libs/projections/src/read-models/quota/quota-xlsx.ts')])).toEqual([]);
  });
});
