import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '@ketnap/engine';
import { CONSOLE_PAGES, SCREEN_WIDTHS } from './support/console-pages';

// The README is the front door: its configuration table names every variable ketnap reads.
describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Architecture'));

  it.each(Object.keys(CONFIG_VARIABLES))('documents %s in the configuration table', (variable) => {
    expect(table).toContain(`| \`${variable}\` |`);
  });

  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  // `npm run screenshots` writes them; the README's console section shows each page at both widths.
  it.each(CONSOLE_PAGES.flatMap((page) => SCREEN_WIDTHS.map(([, , width]) => `${page.name}-${width}.png`)))(
    'shows the console screenshot docs/screenshots/%s, which is committed',
    (file) => {
      expect(existsSync(join(__dirname, '..', 'docs', 'screenshots', file))).toBe(true);
      expect(readme).toContain(`(docs/screenshots/${file})`);
    },
  );
});
