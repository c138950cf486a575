import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliNodeFlags } from '../bench/projections/rebuild.bench';

const REPO = join(__dirname, '..');

/** `npx ketnap` (the shebang), `npm run cli` and the rebuild bench run node with the same flags. */
describe('the CLI node flags', () => {
  const flags = cliNodeFlags();

  it('the bin asks env to split its shebang, gives V8 a larger young generation and bounds the old one', () => {
    expect(readFileSync(join(REPO, 'bin/ketnap.js'), 'utf8').split('\n')[0]).toMatch(
      /^#!\/usr\/bin\/env -S node( --[a-z-]+=\d+)+$/,
    );
    expect(flags).toEqual([
      expect.stringMatching(/^--max-semi-space-size=\d+$/),
      expect.stringMatching(/^--heap-growing-percent=\d+$/),
    ]);
  });

  it('npm run cli passes the same flags', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.cli).toBe(`node ${flags.join(' ')} bin/ketnap.js`);
  });
});
