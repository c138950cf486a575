import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Manifest {
  name?: string;
  version: string;
}

let found: { folder: string; manifest: Manifest } | undefined;

/** ketnap's own `package.json` and its folder, looked for once. */
function ketnapManifest(): { folder: string; manifest: Manifest } {
  if (found !== undefined) return found;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (manifest.name === 'ketnap') return (found = { folder: dir, manifest });
    }
    if (dirname(dir) === dir) throw new Error(`ketnap's package.json was not found above ${__dirname}`);
  }
}

/**
 * The folder holding ketnap's own `package.json`, found from this file's place (in the sources or in
 * `dist/`), whatever the working directory: what the default data dir is resolved against, so the
 * server (`npm start`) and the CLI (`npx ketnap` run from any folder) use the same `data` folder.
 */
export const projectFolder = (): string => ketnapManifest().folder;

/** ketnap's version, from its `package.json` (read once, with the folder). */
export const ketnapVersion = (): string => ketnapManifest().manifest.version;
