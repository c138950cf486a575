import { isDeepStrictEqual } from 'node:util';
import { AUTH_SECRET, call, readModelsCaughtUp, tokenFor } from '../api-support';
import { startApp, type AppProcess } from './app-process';

/**
 * "The app started on the target answers the same reports" (issue 16): the app is started on a store
 * and on its copy, each rebuilds its read models from the log, and the same report routes are asked of
 * both. Shared by test/store-copy-reports.int.spec.ts and bench/store-copy.bench.ts.
 */

/**
 * A date after every step of the synthetic log (its dossiers are nominated in 2024 and end at most about
 * two years later), so both apps judge deadlines on the same day and no step is still in the future.
 */
export const REPORTS_CLOCK = '2027-06-01T08:00:00+07:00';

/** What the synthetic log holds: the one committee, its 2024 plan, admissions decided from 2024 to 2025. */
const COMMITTEE = 'dong-tien';
const PLAN_YEAR = 2024;
const DECISION_YEARS = [2024, 2025];

/** The report routes compared: every report, the deadline board and the dossier list's first pages. */
export function reportPaths(): string[] {
  const committee = `/committees/${COMMITTEE}/reports`;
  return [
    `/reports/quota/${PLAN_YEAR}`,
    `/reports/quota/${PLAN_YEAR}?asOf=${PLAN_YEAR}-06-30`,
    `${committee}/quota/${PLAN_YEAR}`,
    '/reports/pipeline',
    `${committee}/pipeline`,
    ...DECISION_YEARS.flatMap((year) => [`/reports/admissions/${year}`, `${committee}/admissions/${year}`]),
    '/deadlines?status=open&limit=500',
    '/deadlines?status=breached&limit=500',
    '/dossiers?limit=500',
    '/dossiers?stage=probation&limit=500',
    '/dossiers?overdue=true&limit=500',
    '/inspection/cases?status=open&limit=500',
  ].map((path) => `/api/v1${path}`);
}

/** The app's environment on a store: the manual clock at REPORTS_CLOCK, the test secret, no checkpoints appended. */
export function reportsAppEnv(store: Record<string, string>, startAt = REPORTS_CLOCK): Record<string, string> {
  return {
    ...store,
    AUTH_SECRET,
    KETNAP_CLOCK: 'manual',
    KETNAP_START_AT: startAt,
    KETNAP_CHECKPOINT_INTERVAL: 'off',
    // the past-date quota report is an expensive read, limited per actor and minute
    KETNAP_EXPENSIVE_READS_PER_MINUTE: '1000',
  };
}

export interface CaughtUpApp {
  app: AppProcess;
  /** From the spawn until every consumer of the log answered lag 0 on `/health`. */
  caughtUpSeconds: number;
  head: number;
}

/**
 * Starts the app on a store (`built`: see `startApp`) and waits until every consumer of the log (read
 * models, deadline saga) has caught up.
 */
export async function startCaughtUp(
  env: Record<string, string>,
  timeoutMs: number,
  options: { built?: boolean } = {},
): Promise<CaughtUpApp> {
  const started = process.hrtime.bigint();
  const app = await startApp(env, timeoutMs, options);
  try {
    await readModelsCaughtUp(app.baseUrl, { timeoutMs, allConsumers: true });
  } catch (error) {
    await app.stop();
    throw new Error(`${(error as Error).message}\n${app.output().slice(-2000)}`);
  }
  const caughtUpSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const head = (await call(app.baseUrl, 'GET', '/health')).body.head as number;
  return { app, caughtUpSeconds: Number(caughtUpSeconds.toFixed(1)), head };
}

/** The figures of `sameReportsAfterCopy`. */
export interface SameReportsResult {
  /** From the spawn until every consumer of the log answered lag 0: the first run on the source, the run on the copy. */
  caughtUpSeconds: { source: number; target: number };
  /** The log's head each app answered: the source after its first run, and both when compared. */
  head: { source: number; target: number };
  same: boolean;
  reports: ReportComparison[];
}

/**
 * The move issue 16 describes: the app runs on the source until every consumer has caught up (its
 * deadline saga records the breaches due by the clock, so the log is final), is stopped, the log is
 * copied (`copy`), then the app is started on the source again and on the copy, and the same report
 * routes are asked of both. Both apps hold the very same log, so every answer must be equal as a whole.
 */
export async function sameReportsAfterCopy(options: {
  sourceEnv: Record<string, string>;
  targetEnv: Record<string, string>;
  copy: () => void;
  timeoutMs: number;
  log?: (line: string) => void;
}): Promise<SameReportsResult> {
  const first = await startCaughtUp(reportsAppEnv(options.sourceEnv), options.timeoutMs);
  await first.app.stop();
  options.log?.(`app on the source: every consumer caught up at head ${first.head} in ${first.caughtUpSeconds} s`);
  options.copy();
  const apps: CaughtUpApp[] = [];
  try {
    apps.push(await startCaughtUp(reportsAppEnv(options.sourceEnv), options.timeoutMs));
    apps.push(await startCaughtUp(reportsAppEnv(options.targetEnv), options.timeoutMs));
    const [source, target] = apps;
    options.log?.(`app on the copy: every consumer caught up at head ${target.head} in ${target.caughtUpSeconds} s`);
    const reports = await compareReports(source.app.baseUrl, target.app.baseUrl);
    return {
      caughtUpSeconds: { source: first.caughtUpSeconds, target: target.caughtUpSeconds },
      head: { source: source.head, target: target.head },
      same: source.head === target.head && reports.every((r) => r.same && r.status === 200),
      reports,
    };
  } finally {
    await Promise.all(apps.map(({ app }) => app.stop()));
  }
}

export interface ReportComparison {
  path: string;
  status: number;
  same: boolean;
  /** The items (or units) the answer holds, to show the comparison is not between two empty answers. */
  size: number;
  /** The first differing JSON path, when they differ. */
  difference?: string;
}

/**
 * GETs each report path on both apps as an admin (who sees every unit) and compares the JSON bodies as
 * a whole: no field is left out, since a report names neither its store nor the time it was asked.
 */
export async function compareReports(source: string, target: string): Promise<ReportComparison[]> {
  const token = await tokenFor('admin', { ttl: 3600 });
  const comparisons: ReportComparison[] = [];
  for (const path of reportPaths()) {
    const [a, b] = await Promise.all([call(source, 'GET', path, { token }), call(target, 'GET', path, { token })]);
    const same = a.status === b.status && isDeepStrictEqual(a.body, b.body);
    comparisons.push({
      path,
      status: a.status === b.status ? a.status : Number(`${a.status}${b.status}`),
      same,
      size: sizeOf(a.body),
      ...(!same && { difference: firstDifference(a.body, b.body, '$') ?? `status ${a.status} vs ${b.status}` }),
    });
  }
  return comparisons;
}

const sizeOf = (body: unknown): number => {
  const b = body as { items?: unknown[]; units?: unknown[]; branches?: unknown[] } | undefined;
  return (b?.items ?? b?.units ?? b?.branches ?? []).length;
};

/** Where two JSON values first differ, as `$.items[3].stage: "a" vs "b"`. */
function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const inner = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`,
      );
      if (inner) return inner;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 200)} vs ${JSON.stringify(b)?.slice(0, 200)}`;
}
