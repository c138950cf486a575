import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverEnv, serverNodeFlags } from './support/app-process';
import { execForm, repositoryStages, type Instruction, type Stage } from './support/dockerfile';

const root = join(__dirname, '..');
const stages = repositoryStages();
/** The stage `name` and the stages it is built on (`FROM <stage>`), nearest first. */
const chainOf = (name: string): Stage[] => {
  const stage = stages.find((s) => s.name === name);
  return stage ? [stage, ...chainOf(stage.from)] : [];
};
const runs = (chain: Stage[]): string[] =>
  chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args));
/** `dist/x/y.js` (what the image runs) comes from the source `x/y.ts`. */
const sourceOf = (built: string): string => join(root, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

// No Docker engine runs here: read the image's recipe instead of running it (the final stage is what ships).
describe('Dockerfile', () => {
  const stage = (stages.at(-1) as Stage).instructions;
  const index = (keyword: string) => stage.map((i) => i.keyword).lastIndexOf(keyword);
  const user = stage[index('USER')]?.args.split(':')[0];
  const env = stage
    .filter((i) => i.keyword === 'ENV')
    .map((i) => i.args)
    .join(' ');
  const dataDir = /KETNAP_DATA_DIR=(\S+)/.exec(env)?.[1];
  const copies = stage.filter((i) => i.keyword === 'COPY');
  const fromStage = (copy: Instruction) => /--from=(\S+)/.exec(copy.args)?.[1];

  it("keeps glibc's malloc to two arenas, not one per thread and core", () => {
    expect(/\bMALLOC_ARENA_MAX=(\S+)/.exec(env)?.[1]).toBe('2');
  });

  it("runs with npm start's malloc settings", () => {
    expect(Object.keys(serverEnv())).toContain('MALLOC_ARENA_MAX');
    for (const [name, value] of Object.entries(serverEnv()))
      expect({ name, value: new RegExp(`\\b${name}=(\\S+)`).exec(env)?.[1] }).toEqual({ name, value });
  });

  it('runs the app as a user other than root', () => {
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(index('USER')).toBeLessThan(index('CMD'));
  });

  it('creates the data dir owned by that user with mode 0700, before declaring it a volume', () => {
    expect(dataDir).toBe('/var/lib/ketnap');
    expect(stage[index('VOLUME')].args).toContain(dataDir);
    const setup = stage
      .slice(0, index('VOLUME'))
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    const dir = (dataDir as string).replace(/[/]/g, '\\/');
    expect(setup).toMatch(new RegExp(`mkdir -p ${dir}\\b`));
    expect(setup).toMatch(new RegExp(`chown ${user}(:\\S+)? ${dir}\\b`));
    expect(setup).toMatch(new RegExp(`chmod 0?700 ${dir}\\b`));
  });

  it('builds in a stage of its own and installs nothing in the image that ships', () => {
    expect(stages.length).toBeGreaterThan(1);
    const shipped = stages.at(-1) as Stage;
    const builds = stages.filter((s) => runs([s]).some((r) => /\bnpm run build\b/.test(r)));
    expect(builds).toHaveLength(1);
    expect(builds[0]).not.toBe(shipped);
    expect(chainOf(shipped.from)).toEqual([]); // not built on a stage that installed dev dependencies
    expect(runs([shipped]).filter((r) => /\b(npm|yarn|pnpm|apt-get|apk)\b/.test(r))).toEqual([]);
  });

  it('ships the production dependencies only, with their install scripts run (better-sqlite3 is native)', () => {
    const modules = copies.filter((c) => /\/node_modules\b/.test(c.args));
    expect(modules).toHaveLength(1);
    const chain = chainOf(fromStage(modules[0]) as string);
    const installs = runs(chain.slice(0, 1)).filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/\bnpm ci\b.*--omit=dev\b/);
    expect(installs[0]).not.toMatch(/--ignore-scripts\b/);
    // npm 11 runs only the install scripts package.json's allowScripts allows; better-sqlite3 needs its own.
    expect(runs(chain).some((r) => /\bnpm@11\b/.test(r))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>;
    };
    expect(manifest.allowScripts['better-sqlite3']).toBe(true);
  });

  it('copies only what runs: package.json, the production node_modules and the built dist', () => {
    const copied = copies.map((c) => {
      const [source] = c.args
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, 1);
      return `${fromStage(c) ?? 'context'}:${source}`;
    });
    const build = stages.find((s) => runs([s]).some((r) => /\bnpm run build\b/.test(r))) as Stage;
    const deps = fromStage(copies.find((c) => /\/node_modules\b/.test(c.args)) as Instruction);
    expect(copied.sort()).toEqual(
      ['context:package.json', `${deps}:/app/node_modules`, `${build.name}:/app/dist`].sort(),
    );
  });

  it('exposes the API port, checks its /health and runs the API; the worker is the same image', () => {
    expect(stage[index('EXPOSE')].args.split(/\s+/)).toContain('3000');
    const command = execForm(stage[index('CMD')].args);
    expect(command).toEqual(['node', ...serverNodeFlags(), 'dist/apps/api/src/main.js']);
    expect(existsSync(sourceOf(command.at(-1)!))).toBe(true);
    expect(existsSync(sourceOf('dist/apps/worker/src/main.js'))).toBe(true);
    const check = execForm(stage[index('HEALTHCHECK')].args.replace(/^.*?\bCMD\s+/, ''));
    expect(check[0]).toBe('node');
    const probe = readFileSync(sourceOf(check[1]), 'utf8');
    expect(probe).toMatch(/from '\.\/health-probe'/);
    expect(readFileSync(join(root, 'apps/api/src/system/health-probe.ts'), 'utf8')).toContain('/health`');
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^\/|\/$/g, ''));

  it.each(['node_modules', 'data', 'dist', '.git', '.env'])('keeps %s out of the build context', (path) => {
    expect(ignored).toContain(path);
  });
});
