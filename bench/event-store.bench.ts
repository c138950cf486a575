import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, migrate, EVENT_STORE_MIGRATIONS } from '@ketnap/event-store';

type Sync = 'NORMAL' | 'FULL';

/** A realistic step event: a branch resolution with Vietnamese text and the usual metadata. */
export function stepData(i: number) {
  return {
    meetingOn: '2024-03-07',
    officialMembers: 27,
    votesFor: 21,
    resolutionNo: `${i}-NQ/CB`,
    ruleSet: 'qd24-2021',
    note: 'Chi bộ thôn Đèo Cáo - Lân Châm đề nghị kết nạp',
  };
}
export const metadata = {
  actor: { sub: 'office-1', role: 'office', unitIds: ['dang-uy-dong-tien'] },
  occurredOn: '2024-03-07',
  ruleSet: 'qd24-2021',
  correlationId: randomUUID(),
};

function openRaw(path: string, sync: Sync) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  migrate(db, 'event-store', EVENT_STORE_MIGRATIONS);
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
  );
  return { db, insert };
}

const hash = 'a'.repeat(64);

/** Raw better-sqlite3: the same rows, one transaction per `batch` rows, no checks and no hashing. */
function rawInserts(path: string, sync: Sync, appends: number, batch: number, streams: number): number {
  const { db, insert } = openRaw(path, sync);
  const versions = new Array<number>(streams).fill(0);
  const write = db.transaction((s: number, first: number) => {
    for (let k = 0; k < batch; k += 1) {
      insert.run(
        randomUUID(),
        `dossier-${s}`,
        first + k,
        'BranchResolutionAdopted',
        JSON.stringify(stepData(first + k)),
        JSON.stringify({ ...metadata, recordedAt: new Date().toISOString() }),
        new Date().toISOString(),
        hash,
        hash,
      );
    }
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < appends; i += 1) {
    const s = i % streams;
    write(s, versions[s] + 1);
    versions[s] += batch;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return appends / seconds;
}

/** Through the engine's adapter: expected-version check, hash chain, envelope, one transaction per append. */
async function engineAppends(
  path: string,
  sync: Sync,
  appends: number,
  batch: number,
  streams: number,
): Promise<number> {
  const store = new SqliteEventStore({ path, synchronous: sync });
  const versions = new Array<number>(streams).fill(0);
  const started = process.hrtime.bigint();
  for (let i = 0; i < appends; i += 1) {
    const s = i % streams;
    const events = Array.from({ length: batch }, (_, k) => ({
      type: 'BranchResolutionAdopted',
      data: stepData(versions[s] + k + 1),
      metadata,
    }));
    const result = await store.append(`dossier-${s}`, events, { expectedVersion: versions[s] });
    versions[s] = result.nextExpectedVersion;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return appends / seconds;
}

export interface AppendBenchRow {
  case: string;
  synchronous: Sync;
  appends: number;
  eventsPerAppend: number;
  rawPerSecond: number;
  enginePerSecond: number;
  ratio: number;
}

/**
 * Appends per second through the SQLite adapter vs raw better-sqlite3 inserts of the same rows, same
 * run, same durability. Raw and engine alternate in rounds so machine noise hits both alike; the
 * figure is the median round.
 */
export async function benchAppends(options: {
  normal: number;
  full: number;
  rounds: number;
}): Promise<AppendBenchRow[]> {
  const rows: AppendBenchRow[] = [];
  const cases: Array<{ name: string; sync: Sync; appends: number; batch: number }> = [
    { name: 'single-event appends', sync: 'NORMAL', appends: options.normal, batch: 1 },
    { name: '10-event batches', sync: 'NORMAL', appends: Math.round(options.normal / 10), batch: 10 },
    { name: 'single-event appends', sync: 'FULL', appends: options.full, batch: 1 },
    { name: '10-event batches', sync: 'FULL', appends: Math.round(options.full / 10), batch: 10 },
  ];
  for (const c of cases) {
    const raw: number[] = [];
    const engine: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-'));
      try {
        raw.push(rawInserts(join(dir, 'raw.db'), c.sync, c.appends, c.batch, 200));
        engine.push(await engineAppends(join(dir, 'engine.db'), c.sync, c.appends, c.batch, 200));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const rawMedian = median(raw);
    const engineMedian = median(engine);
    rows.push({
      case: c.name,
      synchronous: c.sync,
      appends: c.appends,
      eventsPerAppend: c.batch,
      rawPerSecond: Math.round(rawMedian),
      enginePerSecond: Math.round(engineMedian),
      ratio: Number((engineMedian / rawMedian).toFixed(3)),
    });
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
