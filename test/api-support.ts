import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken, type AuthenticatedActor, type Role } from '@ketnap/engine';
import { startApp, type AppProcess } from './support/app-process';

/** Helpers of the `test/api-*.e2e.spec.ts` suites: a data dir, tokens, and requests over real HTTP. */
export const REPO = join(__dirname, '..');
export const SEED_TSV = join(REPO, 'test', 'fixtures', 'plan-2024-dong-tien.tsv');
export const AUTH_SECRET = 'e2e-secret-for-ketnap-api-tests-0123456789';

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'ketnap-api-'));

/** A token signed with `secret` (default: the suites' AUTH_SECRET), valid for `ttl` seconds. */
export function tokenFor(
  role: Role,
  {
    sub = `${role}-1`,
    units = [] as string[],
    ttl = 600,
    secret = AUTH_SECRET,
    name,
  }: Partial<AuthenticatedActor> & { ttl?: number; secret?: string } = {},
) {
  return signToken(new TextEncoder().encode(secret), { sub, role, units, ...(name ? { name } : {}) }, ttl);
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  /** A raw body; set `contentType` with it. */
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request; the body is parsed when the answer is JSON or problem+json. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: /json/.test(type) && text ? JSON.parse(text) : undefined,
  };
}

/**
 * Events in the store (`GET /health` reports the log's head position), once the reads of personal data
 * served so far are in the access log (`GET /audit/access` appends them first, when the app takes the
 * suites' AUTH_SECRET): a read's batch, appended a second later, never lands between two counts.
 */
export async function eventCount(baseUrl: string): Promise<number> {
  await call(baseUrl, 'GET', '/api/v1/audit/access?limit=1', { token: await tokenFor('admin') });
  return (await call(baseUrl, 'GET', '/health')).body.head;
}

/** A problem+json answer with this status and code. */
export function expectProblem(answer: Answer, status: number, code?: string): void {
  expect({ status: answer.status, type: answer.headers.get('content-type') }).toEqual({
    status,
    type: 'application/problem+json; charset=utf-8',
  });
  expect(answer.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
    code: code ?? expect.any(String),
  });
}

/**
 * Runs the app for the enclosing `describe`: started in a fresh data dir before its tests (with the
 * suites' AUTH_SECRET unless `env` says otherwise), stopped and the dir removed after them.
 */
export function appForSuite(env: Record<string, string>, started: (app: AppProcess, dataDir: string) => void): void {
  let app: AppProcess | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = tempDataDir();
    app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET, ...env });
    started(app, dataDir);
  }, 30_000);
  afterAll(async () => {
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
}

/**
 * Waits until every read model has applied the log (`/health` lists them as `projection:<name>`); with
 * `allConsumers`, until every consumer has (the deadline saga too). A rebuild of a large log takes minutes:
 * `timeoutMs` says how long to wait.
 */
export async function readModelsCaughtUp(
  baseUrl: string,
  { timeoutMs = 30_000, allConsumers = false }: { timeoutMs?: number; allConsumers?: boolean } = {},
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let body: { consumers: Record<string, number> };
  do {
    ({ body } = await call(baseUrl, 'GET', '/health'));
    const consumers = Object.entries(body.consumers as Record<string, number>);
    const projections = consumers.filter(([name]) => name.startsWith('projection:'));
    const waitedFor = allConsumers ? consumers : projections;
    // the deadline saga joins the list only once the deadlines read model has caught up
    const sagaListed = !allConsumers || consumers.some(([name]) => name === 'deadline-saga');
    if (projections.length >= 4 && sagaListed && waitedFor.every(([, lag]) => lag === 0))
      return Object.fromEntries(waitedFor);
    await new Promise((resolve) => setTimeout(resolve, timeoutMs > 30_000 ? 500 : 50));
  } while (Date.now() < deadline);
  throw new Error(`read models did not catch up within ${timeoutMs / 1000} s: ${JSON.stringify(body)}`);
}
