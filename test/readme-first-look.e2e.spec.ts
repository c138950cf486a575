import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's "first look" block, taken from README.md as it is and run with `sh` as a person would
 * paste it on a fresh clone: in a temporary copy of the repository (its sources, a fresh `./data`,
 * `node_modules` linked), so `npm start` builds there and `quota-2024.csv` is written there.
 *
 * What the test changes, through the environment only: `PORT` (a free port rather than 3000, which the
 * block reads as `${PORT:-3000}`), the ketnap variables of the test's own environment removed (so the
 * data dir is the block's `./data`), and `PATH` starting with a `curl` that runs the real one with a
 * `write-out` of each request's status into a file of the test's, so that the test can check every
 * command worked (on the shared stderr, curl writes it a character at a time, and a warning the server
 * prints meanwhile would break the lines). The server the block leaves running in the background is
 * stopped with SIGTERM to the script's process group.
 */
const ROOT = join(__dirname, '..');
const COPIED = ['package.json', '.swcrc', 'bin', 'apps', 'libs', 'test/fixtures/plan-2024-dong-tien.tsv'];

function firstLookBlock(readme: string): string {
  const from = readme.indexOf('A first look');
  const start = readme.indexOf('```sh\n', from) + '```sh\n'.length;
  return readme.slice(start, readme.indexOf('```', start));
}

/**
 * The JSON values of a text, in order (curl prints bodies back to back, the server its log lines); a
 * bracket that opens no JSON value (in a line of plain text) is skipped.
 */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  for (let start = 0; start < text.length; start++) {
    if (text[start] !== '{' && text[start] !== '[') continue;
    const end = closingBracket(text, start);
    if (end === undefined) continue;
    try {
      values.push(JSON.parse(text.slice(start, end + 1)));
      start = end;
    } catch {
      // not JSON: look from the next character
    }
  }
  return values;
}

/** The index of the bracket that closes the one at `start`, strings taken into account. */
function closingBracket(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i;
  }
  return undefined;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const refused = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    () => false,
    () => true,
  );

describe("README's first look", () => {
  let copy: string;
  let script: ChildProcess | undefined;
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'ketnap-first-look-'));
    for (const item of COPIED) cpSync(join(ROOT, item), join(copy, item), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const realCurl = execFileSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
    mkdirSync(join(copy, 'curl'));
    writeFileSync(
      join(copy, 'curl', 'curl'),
      `#!/bin/sh\nexec '${realCurl}' --write-out '%{stderr}status %{http_code} %{url_effective}\\n' "$@" 2>>'${join(copy, 'curl', 'statuses')}'\n`,
    );
    chmodSync(join(copy, 'curl', 'curl'), 0o755);
  });
  afterAll(() => {
    if (script?.pid && script.exitCode === null) process.kill(-script.pid, 'SIGKILL');
    rmSync(copy, { recursive: true, force: true });
  });

  it('runs as pasted: the demo, the server, a token, the reports and a CSV with content', async () => {
    const block = firstLookBlock(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(block).toContain('npm start &');
    writeFileSync(join(copy, 'first-look.sh'), block);
    const port = await freePort();
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(KETNAP_|AUTH_SECRET|REDIS_URL|DATABASE_URL|EVENTSTORE_URL|PORT$)/.test(name),
      ),
    );
    const child = spawn('sh', ['first-look.sh'], {
      cwd: copy,
      env: { ...env, PORT: String(port), PATH: `${join(copy, 'curl')}:${env.PATH ?? ''}`, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    script = child;
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      expect({ code, stderr }).toMatchObject({ code: 0 });
      const api = `http://localhost:${port}/api/v1`;
      const written = readFileSync(join(copy, 'curl', 'statuses'), 'utf8');
      const statuses = [...written.matchAll(/^status (\d{3}) (\S+)$/gm)].map(([, status, url]) => `${status} ${url}`);
      // With two communes the reports are asked of a committee: Đồng Tiến's, then the roll-up above both.
      expect(statuses.filter((line) => !line.endsWith('/health'))).toEqual([
        `200 ${api}/committees/dang-uy-xa-dong-tien/reports/quota/2024`,
        `200 ${api}/committees/dang-uy-xa-dong-tien/reports/quota/2024`,
        `200 ${api}/committees/huyen-uy-huu-lung/reports/quota/2024`,
        `200 ${api}/deadlines?status=breached`,
        `200 ${api}/inspection/cases`,
      ]);
      expect(statuses.at(statuses.length - 6)).toBe(`200 http://localhost:${port}/health`);

      const bodies = jsonValues(stdout).filter((value) => !(value as { time?: string }).time);
      expect(bodies).toHaveLength(4);
      expect(bodies[0]).toMatchObject({ year: 2024, committee: { unitId: 'dang-uy-xa-dong-tien' } });
      expect(bodies[1]).toMatchObject({
        year: 2024,
        committee: { unitId: 'huyen-uy-huu-lung', kind: 'higher-committee' },
        committees: [{ unitId: 'dang-uy-xa-dong-tien' }, { unitId: 'dang-uy-xa-hoa-son' }],
      });
      for (const body of bodies) expect(JSON.stringify(body)).not.toContain('urn:ketnap:problem');

      const csv = readFileSync(join(copy, 'quota-2024.csv'), 'utf8');
      expect(csv.split('\n')[0]).toMatch(/^\uFEFFBIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024/);
      expect(csv).toContain('Số TT,Tên đơn vị');
      expect(csv.trim().split('\n').length).toBeGreaterThan(4);
      expect(existsSync(join(copy, 'data', 'ketnap.db'))).toBe(true);
      // Nest's line per route and per module stays out of the default log.
      expect(stdout).not.toMatch(/Mapped \{|RoutesResolver|dependencies initialized/);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    const stopped = Date.now();
    while (!(await refused(port)) && Date.now() - stopped < 15_000) await new Promise((r) => setTimeout(r, 200));
    expect(await refused(port)).toBe(true);
  }, 180_000);
});
