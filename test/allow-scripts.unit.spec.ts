import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * npm 11 runs a dependency's install scripts only when `allowScripts` in package.json says so, and
 * warns at every `npm install` about a package it does not name: each one is named, true or false.
 */
describe('allowScripts', () => {
  const ROOT = join(__dirname, '..');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    allowScripts?: Record<string, boolean>;
  };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { hasInstallScript?: boolean; name?: string }>;
  };
  const withScripts = [
    ...new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
        .map(([path, entry]) => entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    ),
  ].sort();

  it('names every package of the lock file that has an install script', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean')).toEqual([]);
  });

  it('names no package that is not in the lock file with an install script', () => {
    expect(Object.keys(pkg.allowScripts ?? {}).filter((name) => !withScripts.includes(name))).toEqual([]);
  });
});
