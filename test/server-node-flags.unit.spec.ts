import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { serverEnv, serverNodeFlags } from './support/app-process';

const REPO = join(__dirname, '..');

/**
 * Keeps many young objects alive across scavenges, as a report holding thousands of rows does (V8 then
 * grows the young generation to its limit), drops them, collects, and prints the young generation's size.
 */
const GROW_YOUNG_GENERATION = `
  let kept = [];
  for (let r = 0; r < 40; r++) kept.push(Array.from({ length: 20000 }, (_, i) => ({ i, s: 'row ' + i })));
  kept = undefined;
  gc();
  const young = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  process.stdout.write(String(young.space_size));
`;

/** `npm start`, `npm run worker`, the image and its compose workers run the server with the same node flags and malloc settings. */
describe('the server node flags', () => {
  const flags = serverNodeFlags();
  const env = Object.entries(serverEnv())
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it('npm start bounds the young generation of both threads; npm run worker passes the same flags', () => {
    expect(flags).toEqual([expect.stringMatching(/^--max-semi-space-size=\d+$/)]);
    expect(scripts.start).toBe(`npm run build && ${env} node ${flags.join(' ')} dist/apps/api/src/main.js`);
    expect(scripts.worker).toBe(`npm run build && ${env} node ${flags.join(' ')} dist/apps/worker/src/main.js`);
  });

  it('npm start holds a young generation a heavy read grew to 8 MiB, which a full collection does not shrink', () => {
    const grown = spawnSync(process.execPath, [...flags, '--expose-gc', '-e', GROW_YOUNG_GENERATION], {
      encoding: 'utf8',
    });
    expect(grown.status).toBe(0);
    expect(Number(grown.stdout)).toBeLessThanOrEqual(8 * 2 ** 20);
  });

  it("npm start keeps glibc's malloc to two arenas and gives blocks of 128 KiB or more back when freed", () => {
    expect(serverEnv()).toEqual({
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      MALLOC_TRIM_THRESHOLD_: '131072',
    });
  });

  it("docker-compose's workers run with them too", () => {
    const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command?: string[] }>;
    };
    const workers = Object.values(compose.services).filter((s) => s.command?.includes('dist/apps/worker/src/main.js'));
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) expect(worker.command).toEqual(['node', ...flags, 'dist/apps/worker/src/main.js']);
  });
});
