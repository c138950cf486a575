import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'results'].includes(entry.name) ? [] : sources(path);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

/** The packages a file imports or requires (`@scope/name` or `name`), without Node's own modules. */
function packagesOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s+|import\(|require\()['"]([^'"./][^'"]*)['"]/g)].map(
    (m) => m[1],
  );
  return specifiers
    .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s.split('/')[0]) && !s.startsWith('@ketnap/'))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

const isTestOrTooling = (file: string) =>
  /(\.spec\.ts|\/testing\/|^test\/|^bench\/)/.test(file) || !/^(apps|libs)\//.test(file);

describe('package.json declares what the code imports, and nothing else', () => {
  const files = [
    ...sources('apps'),
    ...sources('libs'),
    ...sources('test'),
    ...sources('bench'),
    ...sources('bin'),
  ].map((f) => relative(ROOT, join(ROOT, f)));
  const runtime = new Set(files.filter((f) => !isTestOrTooling(f)).flatMap(packagesOf));
  const everywhere = new Set(files.flatMap(packagesOf));

  it('lists every package the running code imports among the dependencies', () => {
    expect([...runtime].filter((name) => !(name in pkg.dependencies)).sort()).toEqual([]);
  });

  it('imports every dependency from the running code, and every dev dependency from somewhere', () => {
    // Loaded at run time by a package we use rather than by our code: Nest's OpenAPI UI on Fastify.
    const loadedByOthers = ['@fastify/static'];
    expect(
      Object.keys(pkg.dependencies).filter((name) => !runtime.has(name) && !loadedByOthers.includes(name)),
    ).toEqual([]);
    // Tools run from scripts and configs rather than imported by a source file.
    const tools = [
      '@swc/cli',
      '@swc/core',
      '@swc/jest',
      'eslint',
      'jest',
      'prettier',
      'typescript',
      'typescript-eslint',
    ];
    const unused = Object.keys(pkg.devDependencies).filter(
      (name) => !everywhere.has(name) && !tools.includes(name) && !name.startsWith('@types/'),
    );
    expect(unused).toEqual([]);
  });
});
