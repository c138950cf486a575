import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: string | undefined;

/**
 * The folder holding ketnap's own `package.json`, found from this file's place (in the sources or in
 * `dist/`), whatever the working directory: what the default data dir is resolved against, so the
 * server (`npm start`) and the CLI (`npx ketnap` run from any folder) use the same `data` folder.
 */
export function projectFolder(): string {
  if (found !== undefined) return found;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ketnap')
      return (found = dir);
    if (dirname(dir) === dir) throw new Error(`ketnap's package.json was not found above ${__dirname}`);
  }
}

/** ketnap's version, from its `package.json`. */
export function ketnapVersion(): string {
  return (JSON.parse(readFileSync(join(projectFolder(), 'package.json'), 'utf8')) as { version: string }).version;
}
