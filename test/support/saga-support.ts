import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeEvent,
  evolve,
  initialState,
  obligationsOf,
  recordedOf,
  type DossierState,
  type LocalDate,
} from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import { LOG_START, type EventEnvelope, type EventStore } from '@ketnap/event-store';
import { startDeadlineHarness, type DeadlineHarness } from '@ketnap/engine/testing';
import { describeWithService, dropRedisPrefix } from './services';

/** Where a saga suite keeps its timers: the embedded scheduler, or BullMQ under a prefix of its own. */
export interface SchedulerSetup {
  kind: 'embedded' | 'bullmq';
  redisUrl?: string;
  /** A fresh prefix per call, so suites sharing the Redis never see each other's keys. */
  prefix(): string;
}

let prefixes = 0;

/**
 * Runs `body` once on the embedded scheduler and once on BullMQ (when Redis answers; skipped with the
 * reason otherwise, failing under KETNAP_REQUIRE_SERVICES=1).
 */
export function forEachScheduler(title: string, body: (setup: SchedulerSetup) => void): void {
  describe(`${title} (embedded timers)`, () => body({ kind: 'embedded', prefix: () => 'unused' }));
  describeWithService('redis', `${title} (BullMQ timers)`, (redisUrl) =>
    body({ kind: 'bullmq', redisUrl, prefix: () => `ketnap-saga-test-${process.pid}-${(prefixes += 1)}` }),
  );
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'ketnap-saga-'));
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** A saga suite's data folder and timers (see `sagaSuite`). */
export interface SagaSuite {
  /** The suite's data folder, made before the suite's own `beforeAll` hooks run. */
  readonly dir: string;
  /** The suite's Redis key prefix (BullMQ). */
  readonly prefix: string;
  /** Starts a deadline harness on the suite's folder and timers (again after a crash); the last one started is closed after the suite. */
  start(startAt: string): Promise<DeadlineHarness>;
}

/** One data folder and one Redis prefix for a suite; after it, the harness is closed and both are removed. */
export function sagaSuite(setup: SchedulerSetup): SagaSuite {
  const prefix = setup.prefix();
  let dir = '';
  let last: DeadlineHarness | undefined;
  beforeAll(() => void (dir = tempDir()));
  afterAll(async () => {
    await last?.close();
    if (setup.redisUrl) await dropRedisPrefix(setup.redisUrl, prefix);
    removeDir(dir);
  });
  return {
    get dir() {
      return dir;
    },
    prefix,
    start: async (startAt) =>
      (last = await startDeadlineHarness({ dataDir: dir, startAt, redisUrl: setup.redisUrl, redisPrefix: prefix })),
  };
}

/** Every event of the log, in order (an empty page that is not the end waits for the transaction that holds it back). */
export async function wholeLog(store: EventStore): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (let after = LOG_START; ;) {
    const page = await store.readAll({ after, limit: 5000 });
    events.push(...page.events);
    if (page.isEnd) return events;
    after = page.checkpoint;
  }
}

/** `dossierId_obligation_dueOn` → how many events of `type` name it (breaches, withdrawals, case openings). */
export function countByKey(events: EventEnvelope[], type: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events.filter((x) => x.type === type)) {
    const data = e.data as { obligation?: string; dueOn?: string; caseId?: string };
    const key = type.startsWith('InspectionCase')
      ? (data.caseId ?? e.streamId.replace('inspection-case-', ''))
      : `${e.streamId.replace('dossier-', '')}_${data.obligation}_${data.dueOn}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Keys (`dossierId_obligation_dueOn`) of the dossiers' escalating obligations that `obligationsOf` says
 * are late on `today`, and of the open ones.
 */
export async function obligationKeys(
  store: EventStore,
  dossierIds: readonly string[],
  today: LocalDate,
): Promise<{ late: Set<string>; open: Set<string> }> {
  const late = new Set<string>();
  const open = new Set<string>();
  for (const id of dossierIds) {
    const state = (await store.readStream(`dossier-${id}`)).reduce(
      (s: DossierState, e) => evolve(s, recordedOf(decodeEvent(e))!),
      initialState(),
    );
    for (const o of obligationsOf(state, calendar, { today }).filter((x) => x.escalates)) {
      const key = `${id}_${o.obligation}_${o.dueOn}`;
      if (o.status === 'breached' || o.status === 'met-late') late.add(key);
      if (o.status === 'open') open.add(key);
    }
  }
  return { late, open };
}
