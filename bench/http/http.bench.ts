import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signToken } from '@ketnap/engine';
import { buildDist, serverEnv, serverNodeFlags } from '../../test/support/app-process';

/** One load of the HTTP bench: what wrk measured. */
export interface HttpBenchRow {
  scenario: string;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  /** Answers that were not 2xx (a refusal, an error): a scenario is only valid near 0. */
  non2xx: number;
  requests: number;
  /** Requests per second over the bare node:http server's, measured in the same run. */
  ofCeiling: number;
}

const ROOT = join(__dirname, '..', '..');
const SECRET = 'bench-secret-for-the-http-load-0123456789';
const NOMINATION = {
  candidate: {
    fullName: 'Nguyễn Thị An',
    birthDate: '1996-05-10',
    gender: 'female',
    ethnicity: 'Tày',
    educationLevel: 'upper-secondary',
  },
  branchId: 'chi-bo-mot',
  nominatedBy: 'hoi-phu-nu',
  nominatedOn: '2024-02-01',
};
const HELPERS = { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }], assignedOn: '2024-02-20' };

/**
 * The HTTP edge under load, from wrk in its own process (the server's event loop shares nothing with
 * the load generator): `npm start`'s app built to `dist/`, worker in the same process, embedded store,
 * against a bare `node:http` JSON server in the same run as the ceiling. Step commands go to distinct
 * dossiers (each wrk thread walks its own slice of them), reads and lists to the same dossiers.
 */
export async function benchHttp(options: {
  seconds: number;
  connections: number;
  log?: (line: string) => void;
}): Promise<{ rows: HttpBenchRow[]; dossiers: number }> {
  const log = options.log ?? (() => undefined);
  if (spawnSync('wrk', ['--version']).error) throw new Error('the HTTP bench needs wrk (Debian: apt-get install wrk)');
  buildDist();
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-http-'));
  const ceiling = await listening(
    spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  const app = await listening(
    spawn(process.execPath, [...serverNodeFlags(), join(ROOT, 'dist/apps/api/src/main.js')], {
      env: { ...process.env, ...serverEnv(), PORT: '0', KETNAP_DATA_DIR: dir, AUTH_SECRET: SECRET, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  try {
    const token = await signToken(new TextEncoder().encode(SECRET), { sub: 'bench', role: 'admin', units: [] }, 3600);
    await setUp(app.url, token);
    // Each scenario starts once the worker has caught up with what the one before wrote.
    const run = async (scenario: string, url: string, script: string) => {
      if (url === app.url) await caughtUp(app.url);
      return wrk(scenario, url, script, dir, options);
    };
    const rows: Array<Omit<HttpBenchRow, 'ofCeiling'>> = [];
    rows.push(await run('bare node:http JSON server (ceiling)', ceiling.url, request('GET', '"/"')));
    log(`ceiling: ${rows[0].requestsPerSecond.toLocaleString('en-US')} requests/s`);
    rows.push(await run('GET /health', app.url, request('GET', '"/health"')));
    rows.push(
      await run('POST /dossiers (nominations)', app.url, request('POST', '"/api/v1/dossiers"', token, NOMINATION)),
    );
    const ids = dossierIds(join(dir, 'ketnap.db'));
    writeFileSync(join(dir, 'ids.txt'), `${ids.join('\n')}\n`);
    log(`${ids.length.toLocaleString('en-US')} dossiers nominated`);
    rows.push(
      await run(
        'POST /dossiers/{id}/helper-assigned (step commands, distinct dossiers)',
        app.url,
        perDossier(dir, 'POST', '/helper-assigned', token, HELPERS),
      ),
    );
    rows.push(await run('GET /dossiers/{id}', app.url, perDossier(dir, 'GET', '', token)));
    rows.push(await run('GET /dossiers?limit=50', app.url, request('GET', '"/api/v1/dossiers?limit=50"', token)));
    const top = rows[0].requestsPerSecond;
    return {
      rows: rows.map((r) => ({ ...r, ofCeiling: Math.round((r.requestsPerSecond / top) * 1000) / 1000 })),
      dossiers: ids.length,
    };
  } finally {
    await Promise.all([stop(ceiling.child), stop(app.child)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A JSON echo on node:http: what the machine serves with nothing in the way. */
const BARE_SERVER = `require('node:http').createServer((req, res) => { const body = JSON.stringify({ status: 'ok', path: req.url });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); })
  .listen(0, '127.0.0.1', function () { console.log('listening on port ' + this.address().port); });`;

async function listening(child: ChildProcess): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on port (\d+)/.exec(output);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`a bench server exited with ${code} before listening:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function setUp(url: string, token: string): Promise<void> {
  const units: Array<[string, object]> = [
    ['xa-bench', { name: 'Đảng ủy xã', kind: 'party-committee' }],
    ['chi-bo-mot', { name: 'Chi bộ Một', kind: 'branch', parentId: 'xa-bench', officialMembers: 9 }],
    ['hoi-phu-nu', { name: 'Hội Phụ nữ', kind: 'mass-org', parentId: 'xa-bench' }],
  ];
  for (const [id, unit] of units) {
    const res = await fetch(`${url}/api/v1/units/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(unit),
    });
    if (!res.ok) throw new Error(`PUT /units/${id}: ${res.status} ${await res.text()}`);
  }
}

/** Waits until every consumer of the log has caught up (`/health` lag 0). */
async function caughtUp(url: string): Promise<void> {
  for (let i = 0; i < 1200; i += 1) {
    const health = (await (await fetch(`${url}/health`)).json()) as { lag: number };
    if (health.lag === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the worker did not catch up within 2 minutes');
}

function dossierIds(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db
        .prepare("SELECT DISTINCT substr(stream_id, 9) AS id FROM events WHERE stream_id LIKE 'dossier-%'")
        .all() as Array<{ id: string }>
    ).map((r) => r.id);
  } finally {
    db.close();
  }
}

const headersLua = (token?: string, body?: object) =>
  `local headers = { ${token ? `["Authorization"] = "Bearer ${token}", ` : ''}${body ? '["Content-Type"] = "application/json"' : ''} }
local body = ${body ? `[[${JSON.stringify(body)}]]` : 'nil'}`;

/** A wrk script sending one request again and again. */
const request = (method: string, pathLua: string, token?: string, body?: object) => `${headersLua(token, body)}
request = function() return wrk.format("${method}", ${pathLua}, headers, body) end`;

/** A wrk script walking the dossiers of ids.txt, each thread from its own offset, so no two writes race on a dossier. */
const perDossier = (
  dir: string,
  method: string,
  suffix: string,
  token: string,
  body?: object,
) => `${headersLua(token, body)}
local ids = {}
for line in io.lines("${join(dir, 'ids.txt')}") do ids[#ids + 1] = line end
local n = 0
setup = function(thread) thread:set("first", n) n = n + 1 end
local i = -1
request = function()
  if i < 0 then i = (first or 0) * math.floor(#ids / 2) end
  i = i + 1
  return wrk.format("${method}", "/api/v1/dossiers/" .. ids[(i % #ids) + 1] .. "${suffix}", headers, body)
end`;

async function wrk(
  scenario: string,
  url: string,
  script: string,
  dir: string,
  options: { seconds: number; connections: number },
): Promise<Omit<HttpBenchRow, 'ofCeiling'>> {
  const file = join(dir, 'scenario.lua');
  writeFileSync(file, script);
  const run = spawnSync(
    'wrk',
    ['-t2', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', '-s', file, url],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`wrk failed for ${scenario}: ${run.stderr}`);
  const out = run.stdout;
  const ms = (label: string) => {
    const match = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!match) return NaN;
    return Math.round(Number(match[1]) * { us: 1, ms: 1000, s: 1_000_000 }[match[2] as 'us' | 'ms' | 's']) / 1000;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  return {
    scenario,
    requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)),
    p50ms: ms('50'),
    p99ms: ms('99'),
    non2xx:
      Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
      Number(/Socket errors: connect (\d+)/.exec(out)?.[1] ?? 0),
    requests,
  };
}
