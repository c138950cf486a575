// `npm run soak [-- --minutes N] [--store sqlite|postgres] [--clients N]`: the engine under mixed load
// from many HTTP clients while its worker is killed with SIGKILL every minute (and, on PostgreSQL and
// Redis, Redis loses the deployment's keys once and every PostgreSQL connection is cut once); then
// checks that every acknowledged write is in the store once, that no escalation or quarterly issue is
// duplicated, that every read model equals a fresh rebuild and that the log verifies against the
// checkpoint taken at the start. Prints its figures and PASS or FAIL (exit 1).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { FIXTURE_UNITS } from '@ketnap/domain/testing';
import { WORKER_SCHEMA, loadConfig, projectionsPath } from '@ketnap/engine';
import { PostgresSql, newMasterKeyText, type EventEnvelope } from '@ketnap/event-store';
import { ProjectionDatabase } from '@ketnap/projections';
import { call, tokenFor } from '../../test/api-support';
import { startApp, startWorker, type AppProcess, type MainProcess } from '../../test/support/app-process';
import { engineContext, liveAndRebuilt } from '../../test/support/engine-context';
import { countByKey, wholeLog } from '../../test/support/saga-support';
import { dropRedisPrefix } from '../../test/support/services';
import { planBody, type AcknowledgedWrite, type LoadOptions, type LoadResult } from './shared';

const ROOT = join(__dirname, '..', '..');
const SECRET = `soak-secret-${randomBytes(16).toString('hex')}`;
const COMMITTEE = 'dang-uy-xa-dong-tien';
const READ_SCHEMA = 'ketnap_read';
const SAGA_LEASE = 'deadline-saga';
/** Seconds between the workers' deadline sweeps during the soak (60 by default). */
const SWEEP_SECONDS = 10;
/** A process that does not start within this long on the loaded machine fails the soak. */
const START_TIMEOUT_MS = 120_000;
/** How long the consumers may take to reach the head of the log once the load has stopped. */
const CATCH_UP_MS = 300_000;

interface Options {
  minutes: number;
  store: 'sqlite' | 'postgres';
  clients: number;
  thinkMs: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const minutes = Number(value('minutes') ?? 10);
  const store = value('store') ?? 'sqlite';
  const clients = Number(value('clients') ?? 16);
  const thinkMs = Number(value('think-ms') ?? 20);
  if (!(minutes > 0)) usage(`--minutes must be a positive number (got ${value('minutes')})`);
  if (store !== 'sqlite' && store !== 'postgres') usage(`--store must be sqlite or postgres (got ${store})`);
  if (!Number.isInteger(clients) || clients < 2) usage(`--clients must be a whole number from 2 (got ${clients})`);
  if (!(thinkMs >= 0)) usage(`--think-ms must be a number of milliseconds (got ${value('think-ms')})`);
  return { minutes, store, clients, thinkMs };
}

function usage(problem: string): never {
  process.stderr.write(
    `soak: ${problem}\nusage: npm run soak -- [--minutes N] [--store sqlite|postgres] [--clients N] [--think-ms N]\n`,
  );
  process.exit(2);
}

const started = Date.now();
const clock = () => {
  const s = Math.round((Date.now() - started) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const say = (line: string) => process.stdout.write(`[soak ${clock()}] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The deployment the soak runs: its variables, and what it reads of the workers' shared state. */
interface Deployment {
  env: Record<string, string>;
  /** The name of each consumer of the log (saga, read models) → the position it stored. */
  positions(): Promise<Map<string, number>>;
  /** The pid of the worker holding the deadline saga's lease, when one does. */
  sagaHolder(): Promise<number | undefined>;
  /** The live read models, for the comparison with a rebuild (after every process stopped). */
  liveReadModels(): Promise<ProjectionDatabase>;
  /** An empty read-model database to rebuild into. */
  freshReadModels(): Promise<ProjectionDatabase>;
  /** The disturbances of the store (besides the worker's kills), each at a fraction of the run. */
  disturbances: Array<{ at: number; what: string; run: () => Promise<string> }>;
  remove(): Promise<void>;
}

/** The pid in a lease owner id (`worker@<host>#<pid>#<random>`). */
const pidOf = (owner: string): number => Number(/#(\d+)#/.exec(owner)?.[1]);

function sqliteDeployment(dataDir: string, base: Record<string, string>): Deployment {
  const env = { ...base, KETNAP_EVENT_STORE: 'sqlite' };
  const rows = <T>(file: string, sql: string): T[] => {
    const db = new Database(join(dataDir, file), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } catch (error) {
      if (/no such table/.test(String(error))) return [];
      throw error;
    } finally {
      db.close();
    }
  };
  const safely = <T>(file: string, sql: string): T[] => {
    try {
      return rows<T>(file, sql);
    } catch (error) {
      if (/unable to open|does not exist/.test(String(error))) return [];
      throw error;
    }
  };
  return {
    env,
    positions: async () =>
      new Map(
        [
          ...safely<{ name: string; position: number }>('timers.db', 'SELECT name, position FROM saga_checkpoints'),
          ...safely<{ name: string; position: number }>(
            'projections.db',
            "SELECT 'projection:' || name AS name, position FROM projection_generations WHERE status = 'active'",
          ),
        ].map((r) => [r.name, Number(r.position)]),
      ),
    sagaHolder: async () => {
      const [row] = safely<{ owner: string }>(
        'timers.db',
        `SELECT owner FROM worker_leases WHERE name = '${SAGA_LEASE}' AND expires_at > ${Date.now()}`,
      );
      return row ? pidOf(row.owner) : undefined;
    },
    liveReadModels: () => ProjectionDatabase.openSqlite(projectionsPath(loadConfig(env))),
    freshReadModels: () => ProjectionDatabase.openSqlite(join(dataDir, 'rebuilt-projections.db')),
    disturbances: [],
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresDeployment(dataDir: string, base: Record<string, string>): Promise<Deployment> {
  const adminUrl = process.env.KETNAP_SOAK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.KETNAP_SOAK_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const name = `ketnap_soak_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const prefix = name.replace(/_/g, '-');
  const databaseUrl = (() => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  })();
  const admin = async <T>(work: (client: Client) => Promise<T>, url = adminUrl): Promise<T> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const rows = <T>(sql: string): Promise<T[]> =>
    admin(async (client) => {
      try {
        return (await client.query(sql)).rows as T[];
      } catch (error) {
        if (['42P01', '3F000'].includes((error as { code?: string }).code ?? '')) return [];
        throw error;
      }
    }, databaseUrl);
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  say(`PostgreSQL database ${name}, Redis prefix ${prefix}`);
  return {
    env: {
      ...base,
      KETNAP_EVENT_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      KETNAP_REDIS_PREFIX: prefix,
    },
    positions: async () =>
      new Map(
        [
          ...(await rows<{ name: string; position: string }>(
            `SELECT name, position FROM ${WORKER_SCHEMA}.saga_checkpoints`,
          )),
          ...(await rows<{ name: string; position: string }>(
            `SELECT 'projection:' || name AS name, position FROM ${READ_SCHEMA}.projection_generations WHERE status = 'active'`,
          )),
        ].map((r) => [r.name, Number(r.position)]),
      ),
    sagaHolder: async () => {
      const [row] = await rows<{ owner: string }>(
        `SELECT owner FROM ${WORKER_SCHEMA}.worker_leases WHERE name = '${SAGA_LEASE}' AND expires_at > ${Date.now()}`,
      );
      return row ? pidOf(row.owner) : undefined;
    },
    liveReadModels: async () =>
      ProjectionDatabase.open(await PostgresSql.open({ url: databaseUrl, schema: READ_SCHEMA })),
    freshReadModels: async () =>
      ProjectionDatabase.open(await PostgresSql.open({ url: databaseUrl, schema: 'soak_rebuilt' })),
    disturbances: [
      {
        at: 0.35,
        what: 'Redis loses the deployment',
        run: async () => `deleted ${await dropRedisPrefix(redisUrl, prefix)} Redis keys under ${prefix}`,
      },
      {
        at: 0.75,
        what: 'PostgreSQL cuts the connections',
        run: async () => {
          // The backends are chosen first and terminated one by one: a condition beside
          // pg_terminate_backend in one WHERE may be evaluated after it, for other databases' backends too.
          const cut = await admin(async (client) => {
            const { rows: backends } = await client.query<{ pid: number }>(
              'SELECT pid FROM pg_stat_activity WHERE datname = $1',
              [name],
            );
            for (const { pid } of backends) await client.query('SELECT pg_terminate_backend($1)', [pid]);
            return backends.length;
          });
          return `terminated ${cut} PostgreSQL backends of ${name} (pg_terminate_backend)`;
        },
      },
    ],
    remove: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await dropRedisPrefix(redisUrl, prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app's processes: one API replica without the worker, and the workers (killed and replaced). */
class Processes {
  api!: AppProcess;
  readonly workers: MainProcess[] = [];
  /** Every process started, for the error lines of their logs. */
  readonly all: Array<{ name: string; process: MainProcess }> = [];
  /** The load generator, once started. */
  load?: ChildProcess;

  constructor(private readonly env: Record<string, string>) {}

  async startApi(): Promise<void> {
    this.api = await startApp({ ...this.env, KETNAP_WORKER: 'off' }, START_TIMEOUT_MS);
    this.all.push({ name: `api ${this.api.child.pid}`, process: this.api });
  }

  async startWorker(): Promise<MainProcess> {
    const worker = await startWorker(this.env, START_TIMEOUT_MS);
    this.workers.push(worker);
    this.all.push({ name: `worker ${worker.child.pid}`, process: worker });
    return worker;
  }

  /** Kills the worker with the pid (SIGKILL) and waits for its end. */
  async kill(pid: number): Promise<void> {
    const worker = this.workers.find((w) => w.child.pid === pid)!;
    this.workers.splice(this.workers.indexOf(worker), 1);
    await worker.stop('SIGKILL');
  }

  /** Stops every process with SIGTERM; the exit codes, by process. */
  async stop(): Promise<Array<[string, number | null]>> {
    const running = [
      ...this.workers.map((w) => [`worker ${w.child.pid}`, w] as const),
      [`api ${this.api.child.pid}`, this.api] as const,
    ];
    return Promise.all(running.map(async ([name, p]) => [name, await p.stop('SIGTERM')] as [string, number | null]));
  }

  killAll(): void {
    if (this.load?.exitCode === null) this.load.kill('SIGKILL');
    for (const { process } of this.all) if (process.child.exitCode === null) process.child.kill('SIGKILL');
  }

  /** Writes each process's output to `<dir>/<name>.log`. */
  saveLogs(dir: string): void {
    mkdirSync(dir, { recursive: true });
    for (const { name, process } of this.all)
      writeFileSync(join(dir, `${name.replace(' ', '-')}.log`), process.output());
  }

  /** Lines of the processes' JSON logs at level error. */
  errorLines(): string[] {
    return this.all.flatMap(({ name, process }) =>
      process
        .output()
        .split('\n')
        .filter((line) => /"level":"error"/.test(line))
        .map((line) => `${name}: ${line.slice(0, 400)}`),
    );
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const durationMs = Math.round(options.minutes * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ketnap-soak-'));
  const base = {
    KETNAP_DATA_DIR: dataDir,
    AUTH_SECRET: SECRET,
    KETNAP_MASTER_KEY: newMasterKeyText(),
    KETNAP_CLOCK: 'system',
    KETNAP_LOG_FORMAT: 'json',
    KETNAP_SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS),
    KETNAP_CHECKPOINT_INTERVAL: '45s',
  };
  say(`${options.minutes} min on ${options.store}, ${options.clients} clients; data dir ${dataDir}`);
  const deployment =
    options.store === 'sqlite' ? sqliteDeployment(dataDir, base) : await postgresDeployment(dataDir, base);
  const processes = new Processes(deployment.env);
  const interrupted = () => {
    processes.killAll();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const failures: string[] = [];
  let passed = false;
  try {
    await processes.startApi();
    const baseUrl = processes.api.baseUrl;
    const ttl = Math.ceil(durationMs / 1000) + 3600;
    const subs = { office: 'soak-office', inspector: 'soak-inspector', admin: 'soak-admin' };
    const admin = await tokenFor('admin', { sub: subs.admin, secret: SECRET, ttl });
    const tokens = {
      admin,
      office: await tokenFor('office', { sub: subs.office, units: [COMMITTEE], secret: SECRET, ttl }),
      inspector: await tokenFor('inspector', { sub: subs.inspector, secret: SECRET, ttl }),
    };
    const units = FIXTURE_UNITS.filter((u) => u.kind !== 'branch' || u.officialMembers !== undefined);
    for (const { unitId, ...unit } of units)
      await expectOk(call(baseUrl, 'PUT', `/api/v1/units/${unitId}`, { token: admin, json: unit }));
    const branches = units.flatMap((u) =>
      u.kind === 'branch' ? [{ unitId: u.unitId, officialMembers: u.officialMembers! }] : [],
    );
    await expectOk(
      call(baseUrl, 'PUT', `/api/v1/committees/${COMMITTEE}/plans/2024`, {
        token: admin,
        json: planBody(COMMITTEE, branches),
      }),
    );
    const checkpoint = (await expectOk(call(baseUrl, 'POST', '/api/v1/audit/checkpoints', { token: admin })))
      .id as string;
    say(
      `API ${processes.api.child.pid} at ${baseUrl} (KETNAP_WORKER=off); units, plan 2024 and checkpoint ${checkpoint} recorded`,
    );
    const workers = options.store === 'sqlite' ? 1 : 2;
    for (let i = 0; i < workers; i += 1) await processes.startWorker();
    say(`workers ${processes.workers.map((w) => w.child.pid).join(', ')} running`);

    const out = join(dataDir, 'load.json');
    const loadOptions: LoadOptions = {
      baseUrl,
      run: randomBytes(4).toString('hex'),
      clients: options.clients,
      durationMs,
      thinkMs: options.thinkMs,
      out,
      committeeId: COMMITTEE,
      branches,
      plans: [
        { year: 2025, atFraction: 0.3 },
        { year: 2026, atFraction: 0.6 },
      ],
      tokens,
      subs,
    };
    const loadStarted = Date.now();
    const load = runLoad(processes, loadOptions);
    await disturb(processes, deployment, durationMs, loadStarted);
    const loadCode = await load;
    if (loadCode !== 0) throw new Error(`the load generator exited with code ${loadCode}`);
    const result = JSON.parse(readFileSync(out, 'utf8')) as LoadResult;
    say(`load done: ${result.acknowledged.length} writes acknowledged`);

    const settled = await settle(deployment, baseUrl);
    say(`consumers at the head (${settled.head}) ${Math.round(settled.ms / 1000)} s after the load stopped`);
    const verify = await call(baseUrl, 'GET', `/api/v1/audit/verify?checkpoint=${encodeURIComponent(checkpoint)}`, {
      token: admin,
    });
    if (verify.status !== 200 || verify.body?.ok !== true)
      failures.push(`audit verify against checkpoint ${checkpoint}: ${verify.status} ${verify.text.slice(0, 500)}`);
    for (const [name, code] of await processes.stop())
      if (code !== 0) failures.push(`${name} did not stop cleanly on SIGTERM (exit ${code})`);

    const engine = await engineContext(deployment.env);
    let checked: Checked;
    try {
      const log = await wholeLog(engine.store);
      checked = checkLog(log, result.acknowledged, failures);
      const live = await deployment.liveReadModels();
      const fresh = await deployment.freshReadModels();
      try {
        const dumps = await liveAndRebuilt(engine.store, engine.projections, live, fresh);
        for (const p of engine.projections)
          if (!isDeepStrictEqual(dumps.live[p.name], dumps.rebuilt[p.name]))
            failures.push(
              `read model ${p.name} differs from its rebuild: ${difference(dumps.live[p.name], dumps.rebuilt[p.name])}`,
            );
        checked.readModels = engine.projections.length;
      } finally {
        await Promise.all([live.close(), fresh.close()]);
      }
    } finally {
      await engine.close();
    }

    const gaveUp = result.unfinished.length;
    if (gaveUp > 0)
      failures.push(`${gaveUp} writes given up after resending (first: ${JSON.stringify(result.unfinished[0])})`);
    const wrongRefusals = result.refused.filter((r) => !r.path.startsWith('/inspection/cases/'));
    if (wrongRefusals.length > 0)
      failures.push(`${wrongRefusals.length} writes refused (first: ${JSON.stringify(wrongRefusals[0])})`);
    report(result, checked, verify.body, processes.errorLines());
    passed = failures.length === 0;
  } catch (error) {
    failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    processes.killAll();
  } finally {
    for (const failure of failures) process.stdout.write(`FAIL: ${failure}\n`);
    if (passed) await deployment.remove();
    else processes.saveLogs(join(dataDir, 'logs'));
    if (!passed)
      process.stdout.write(
        `kept for inspection: ${dataDir}${deployment.env.DATABASE_URL ? `, ${deployment.env.DATABASE_URL}` : ''}\n`,
      );
    process.stdout.write(`${passed ? 'PASS' : 'FAIL'} (${Math.round((Date.now() - started) / 1000)} s in all)\n`);
  }
  process.exit(passed ? 0 : 1);
}

async function expectOk(answer: Promise<{ status: number; text: string; body: any }>): Promise<any> {
  const { status, text, body } = await answer;
  if (status >= 300) throw new Error(`setting up: ${status} ${text.slice(0, 300)}`);
  return body;
}

/** Runs the load generator in its own process (killed with the others on a failure); its exit code. */
function runLoad(processes: Processes, options: LoadOptions): Promise<number | null> {
  const child = (processes.load = spawn(
    process.execPath,
    ['-r', join(ROOT, 'test/support/register-ts.js'), join(__dirname, 'load.ts')],
    {
      env: { ...process.env, KETNAP_SOAK_LOAD: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  ));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/**
 * While the load runs: the worker holding the deadline saga (else any) killed with SIGKILL every
 * minute (halfway through a run shorter than two) and a replacement started, and the store's other
 * disturbances at their fraction of the run.
 */
async function disturb(processes: Processes, deployment: Deployment, durationMs: number, from: number): Promise<void> {
  const kills: number[] = [];
  for (let at = 60_000; at < durationMs - 5_000; at += 60_000) kills.push(at);
  if (kills.length === 0) kills.push(durationMs / 2);
  const events = [
    ...kills.map((at) => ({ at, what: 'kill', run: () => killWorker(processes, deployment) })),
    ...deployment.disturbances.map((d) => ({ at: d.at * durationMs, what: d.what, run: d.run })),
  ].sort((a, b) => a.at - b.at);
  for (const event of events) {
    await sleep(Math.max(0, from + event.at - Date.now()));
    say(await event.run());
  }
  await sleep(Math.max(0, from + durationMs - Date.now()));
}

async function killWorker(processes: Processes, deployment: Deployment): Promise<string> {
  const holder = await deployment.sagaHolder();
  const victim = processes.workers.find((w) => w.child.pid === holder) ?? processes.workers[0];
  const pid = victim.child.pid!;
  await processes.kill(pid);
  const replacement = await processes.startWorker();
  return `killed worker ${pid} with SIGKILL (${holder === pid ? 'the deadline saga holder' : 'no saga lease seen'}); worker ${replacement.child.pid} started`;
}

/** Waits until every consumer stored the head of the log and the head stayed there a sweep long. */
async function settle(deployment: Deployment, baseUrl: string): Promise<{ head: number; ms: number }> {
  const from = Date.now();
  let since: { head: number; at: number } | undefined;
  for (;;) {
    const head = (await call(baseUrl, 'GET', '/health')).body?.head as number;
    const positions = await deployment.positions();
    const atHead = positions.size > 0 && [...positions.values()].every((p) => p === head);
    if (!atHead || since?.head !== head) since = atHead ? { head, at: Date.now() } : undefined;
    else if (Date.now() - since.at >= (SWEEP_SECONDS + 2) * 1000) return { head, ms: since.at - from };
    if (Date.now() - from > CATCH_UP_MS)
      throw new Error(
        `the consumers did not reach the head (${head}) within ${CATCH_UP_MS / 1000} s: ${JSON.stringify([...positions])}`,
      );
    await sleep(500);
  }
}

interface Checked {
  events: number;
  writes: number;
  breaches: number;
  withdrawn: number;
  cases: number;
  issues: number;
  readModels: number;
}

/** The store's side of the checks; each problem found is pushed to `failures`. */
function checkLog(log: EventEnvelope[], acknowledged: AcknowledgedWrite[], failures: string[]): Checked {
  const problems: string[] = [];
  const byCommand = new Map<string, EventEnvelope[]>();
  /** A client's command ids by the id without its part (`idem:…:<key>`, then `#<part>`: see commandIdOf). */
  const byKey = new Map<string, string[]>();
  for (const e of log) {
    const commandId = (e.metadata as { commandId?: string }).commandId;
    if (!commandId) continue;
    const events = byCommand.get(commandId);
    if (events) events.push(e);
    else {
      byCommand.set(commandId, [e]);
      const key = commandId.split('#')[0];
      byKey.set(key, [...(byKey.get(key) ?? []), commandId]);
    }
  }
  // Every acknowledged write: one command's append, in the stream it named, with the events it answered.
  for (const write of acknowledged) {
    const commands = byKey.get(`idem:${write.sub.length}:${write.sub}:${write.key}`) ?? [];
    const events = commands.flatMap((c) => byCommand.get(c)!);
    const where = `${write.kind} ${write.key}`;
    if (events.length === 0) problems.push(`${where}: acknowledged, not in the store`);
    else if (write.kind === 'nomination' || write.kind === 'step') {
      if (commands.length !== 1) problems.push(`${where}: ${commands.length} commands`);
      if (!events.every((e) => e.streamId === `dossier-${write.dossierId}`))
        problems.push(`${where}: in another stream`);
      if (
        !isDeepStrictEqual(
          events.map((e) => e.type),
          write.appended,
        )
      )
        problems.push(
          `${where}: stored ${events.map((e) => e.type).join(', ')}, answered ${write.appended.join(', ')}`,
        );
    } else if (
      write.kind === 'acknowledgement' &&
      !events.every((e) => e.streamId === `inspection-case-${write.caseId}`)
    )
      problems.push(`${where}: in another stream`);
  }
  // One append per command: the same recordedAt, consecutive versions of one stream.
  for (const [commandId, events] of byCommand) {
    const one = events.every(
      (e, i) =>
        e.streamId === events[0].streamId &&
        e.metadata.recordedAt === events[0].metadata.recordedAt &&
        e.streamVersion === events[0].streamVersion + i,
    );
    if (!one) problems.push(`command ${commandId}: appended more than once`);
  }
  // No dossier step recorded twice (each soak dossier gets each step at most once).
  const stepsByStream = new Map<string, string[]>();
  for (const e of log)
    if (e.streamId.startsWith('dossier-') && (e.metadata as { commandId?: string }).commandId?.startsWith('idem:')) {
      const types = stepsByStream.get(e.streamId);
      if (types) types.push(e.type);
      else stepsByStream.set(e.streamId, [e.type]);
    }
  for (const [stream, types] of stepsByStream)
    if (new Set(types).size !== types.length) problems.push(`${stream}: a step recorded twice (${types.join(', ')})`);
  // Escalations: a deadline breached again only after a withdrawal; each inspection case opened once
  // for each breach of its due date at most, and left as its dossier says: open (or worked) while the
  // last breach stands, withdrawn (or closed) once it was withdrawn.
  const cases = countByKey(log, 'InspectionCaseOpened');
  const breachCounts = countByKey(log, 'DeadlineBreached');
  for (const [key, n] of cases)
    if (n > (breachCounts.get(key) ?? 0))
      problems.push(`inspection case ${key} opened ${n} times for ${breachCounts.get(key) ?? 0} breaches`);
  const caseStatus = new Map<string, string>();
  for (const e of log)
    if (e.streamId.startsWith('inspection-case-'))
      caseStatus.set(e.streamId.slice('inspection-case-'.length), e.type.replace('InspectionCase', '').toLowerCase());
  const breached = new Map<string, boolean>();
  let breaches = 0;
  let withdrawn = 0;
  for (const e of log.filter((x) => x.type === 'DeadlineBreached' || x.type === 'DeadlineBreachWithdrawn')) {
    const data = e.data as { obligation: string; dueOn: string };
    const key = `${e.streamId}_${data.obligation}_${data.dueOn}`;
    const breach = e.type === 'DeadlineBreached';
    if (breach) breaches += 1;
    else withdrawn += 1;
    if ((breached.get(key) ?? false) === breach)
      problems.push(`${key}: ${breach ? 'breached twice' : 'withdrawn without a breach'}`);
    breached.set(key, breach);
  }
  for (const [key, stands] of breached) {
    const caseId = key.slice('dossier-'.length);
    const status = caseStatus.get(caseId) ?? 'none';
    const expected = stands ? ['opened', 'acknowledged', 'closed'] : ['none', 'withdrawn', 'closed'];
    if (!expected.includes(status))
      problems.push(`inspection case ${caseId} is ${status} while its breach ${stands ? 'stands' : 'was withdrawn'}`);
  }
  // Quarterly issues: one per committee, year and quarter.
  const issues = new Map<string, number>();
  for (const e of log.filter((x) => x.type === 'QuotaReportIssued')) {
    const data = e.data as { committeeId: string; year: number; quarter: number };
    const key = `${data.committeeId} ${data.year} Q${data.quarter}`;
    issues.set(key, (issues.get(key) ?? 0) + 1);
  }
  for (const [key, n] of issues) if (n > 1) problems.push(`quota report ${key} issued ${n} times`);
  if (cases.size === 0) problems.push('no inspection case opened: the escalation path was not exercised');
  if (issues.size === 0) problems.push('no quota report issued: the quarterly issue was not exercised');
  failures.push(...problems.slice(0, 20));
  if (problems.length > 20) failures.push(`… and ${problems.length - 20} more problems in the log`);
  return {
    events: log.length,
    writes: acknowledged.length,
    breaches,
    withdrawn,
    cases: cases.size,
    issues: issues.size,
    readModels: 0,
  };
}

/** Where two dumps of a read model part: the first table whose rows differ, with the row counts. */
function difference(live: Record<string, unknown[]>, rebuilt: Record<string, unknown[]>): string {
  for (const table of new Set([...Object.keys(live), ...Object.keys(rebuilt)])) {
    const [a, b] = [live[table] ?? [], rebuilt[table] ?? []];
    if (isDeepStrictEqual(a, b)) continue;
    const at = a.findIndex((row, i) => !isDeepStrictEqual(row, b[i]));
    return `table ${table}: ${a.length} rows live, ${b.length} rebuilt; first difference at row ${at}: live ${JSON.stringify(a[at]).slice(0, 300)}, rebuilt ${JSON.stringify(b[at]).slice(0, 300)}`;
  }
  return 'no table differs';
}

/** Refusals counted by route, status and code: `: acknowledge 422 CASE_CLOSED 2, …`. */
function refusals(refused: LoadResult['refused']): string {
  const counts = new Map<string, number>();
  for (const r of refused) {
    const route = r.path
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}')
      .replace(/\/inspection\/cases\/[^/]+/, '/inspection/cases/{id}');
    const key = `${route} ${r.status} ${r.code ?? ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size === 0 ? '' : `: ${[...counts].map(([key, n]) => `${key} ${n}`).join(', ')}`;
}

const percentile = (sorted: number[], p: number): string =>
  sorted.length === 0
    ? '-'
    : `${sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1)} ms`;

function report(result: LoadResult, checked: Checked, verify: unknown, errorLines: string[]): void {
  const all = [...result.latencies.read, ...result.latencies.write].sort((a, b) => a - b);
  const reads = [...result.latencies.read].sort((a, b) => a - b);
  const writes = [...result.latencies.write].sort((a, b) => a - b);
  const seconds = (Date.now() - started) / 1000;
  const errors = Object.entries(result.statuses).filter(([status]) => !/^2/.test(status));
  const lines = [
    `requests: ${all.length} (${reads.length} reads, ${writes.length} writes, resends included)`,
    `by status: ${Object.entries(result.statuses)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}`,
    `errors by status: ${errors.length === 0 ? 'none' : errors.map(([status, n]) => `${status} ${n}`).join(', ')}`,
    `latency p50/p99: all ${percentile(all, 50)} / ${percentile(all, 99)}; reads ${percentile(reads, 50)} / ${percentile(reads, 99)}; writes ${percentile(writes, 50)} / ${percentile(writes, 99)}`,
    `writes acknowledged and checked in the store: ${checked.writes} (${result.unfinished.length} given up, ${result.refused.length} refused${refusals(result.refused)})`,
    `log: ${checked.events} events; ${checked.breaches} breaches (${checked.withdrawn} withdrawn), ${checked.cases} inspection cases, ${checked.issues} quarterly issues`,
    `read models equal to a rebuild checked: ${checked.readModels}; audit verify: ${JSON.stringify(verify)}`,
    `error lines in the processes' logs: ${errorLines.length}`,
    ...errorLines.slice(0, 10).map((line) => `  ${line}`),
    `wall clock so far: ${Math.round(seconds)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
