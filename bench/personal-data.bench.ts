import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  PersonalKeyTable,
  SqliteEventStore,
  SqliteSql,
  masterKeyOf,
  newMasterKeyText,
  type EventStore,
  type NewEvent,
} from '@ketnap/event-store';
import { withPersonalData } from '@ketnap/engine';
import { DEFAULT_BATCH, ProjectionDatabase, rebuildProjections } from '@ketnap/projections';
import { writeSyntheticLog } from '@ketnap/projections/testing';
import { metadata } from './event-store.bench';
import { allProjections, asThisReleaseWrites, openKeyring } from './projections/rebuild.bench';

export interface PersonalDataBenchRow {
  case: string;
  /** `appends/s` or `events/s`. */
  unit: string;
  /** Appends of a round, or events of the log. */
  count: number;
  plainPerSecond: number;
  encryptedPerSecond: number;
  /** encrypted / plain. */
  ratio: number;
}

/** Events a bench dossier gets in the append rows: about a whole dossier's life, so one data key is made per 25 events. */
const EVENTS_PER_DOSSIER = 25;
/** What a sealed personal part starts with (`sealPersonal`); checked here on its own, not with the library's predicate. */
const SEALED_PREFIX = 'kp1.';
const RULE_SET = 'qd24-2021';

/**
 * The `n`-th event (from 1) of a bench dossier, each with a personal part as this release stores it:
 * the nomination with its candidate, then helpers' names and opinions about the candidate by turns.
 */
function dossierEvent(n: number, dossier: number): NewEvent {
  if (n === 1) {
    const personal = {
      fullName: 'Hoàng Thị Lan',
      birthDate: '1998-04-12',
      gender: 'female',
      ethnicity: 'Tày',
      religion: 'Phật giáo',
      educationLevel: 'upper-secondary',
      youthUnionMember: true,
      residence: 'Thôn Đèo Cáo, xã Đồng Tiến, huyện Hữu Lũng, tỉnh Lạng Sơn',
    };
    const data = { branchId: 'deo-cao-lan-cham', nominatedBy: 'deo-cao-lan-cham', nominatedOn: '2024-03-07' };
    return { type: 'CandidateNominated', schemaVersion: 1, data: { ...data, personal, ruleSet: RULE_SET }, metadata };
  }
  if (n % 2 === 0) {
    const helpers = [{ name: 'Hoàng Văn Ba', memberId: `dv-${dossier}` }, { name: 'Vi Thị Cúc' }];
    return {
      type: 'HelpersAssigned',
      schemaVersion: 2,
      data: { assignedOn: '2024-03-12', ruleSet: RULE_SET, personal: { helpers } },
      metadata,
    };
  }
  const summary = 'Chi ủy, Đoàn thanh niên và nơi cư trú nhất trí: quần chúng có lý lịch rõ ràng, gương mẫu';
  return {
    type: 'OpinionsCollected',
    schemaVersion: 2,
    data: { collectedOn: '2024-05-20', ruleSet: RULE_SET, personal: { summary } },
    metadata,
  };
}

/**
 * `appends` appends of `batch` events, the dossiers taking turns, each new dossier's first append
 * included. `stored`: the store under `store` when it seals, whose events are checked after.
 */
async function appendsPerSecond(
  store: EventStore,
  appends: number,
  batch: number,
  stored?: EventStore,
): Promise<number> {
  const dossiers = Array.from({ length: Math.max(1, Math.round((appends * batch) / EVENTS_PER_DOSSIER)) }, () =>
    randomUUID(),
  );
  const versions = new Array<number>(dossiers.length).fill(0);
  const started = process.hrtime.bigint();
  for (let i = 0; i < appends; i += 1) {
    const s = i % dossiers.length;
    const events = Array.from({ length: batch }, (_, k) => dossierEvent(versions[s] + k + 1, s));
    const result = await store.append(`dossier-${dossiers[s]}`, events, { expectedVersion: versions[s] });
    versions[s] = result.nextExpectedVersion;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (stored) await assertSealed(stored, `dossier-${dossiers[0]}`);
  return appends / seconds;
}

/**
 * Throws unless the first event of `streamId` as stored holds a sealed personal part: the encrypted
 * figures must not measure plain text.
 */
async function assertSealed(stored: EventStore, streamId: string): Promise<void> {
  const [first] = await stored.readStream(streamId, { toVersion: 1 });
  const personal = personalOf(first?.data);
  if (typeof personal !== 'string' || !personal.startsWith(SEALED_PREFIX)) {
    throw new Error(`personal-data bench: ${streamId} holds its personal part unsealed: ${JSON.stringify(personal)}`);
  }
}

const personalOf = (data: unknown): unknown =>
  typeof data === 'object' && data !== null && 'personal' in data ? data.personal : undefined;

/** Every event of the log, read in pages of `batchSize`. */
async function readLog(store: EventStore, batchSize: number, each?: (data: unknown) => void): Promise<number> {
  let events = 0;
  for (
    let page = await store.readAll({ limit: batchSize });
    ;
    page = await store.readAll({ after: page.checkpoint, limit: batchSize })
  ) {
    events += page.events.length;
    if (each) for (const event of page.events) each(event.data);
    if (page.isEnd) return events;
  }
}

/** Seconds `run` takes. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * What sealing the personal part of dossier events costs, plain and encrypted measured in one run, by
 * turns (which goes first alternates), the median round reported:
 *
 * - appends/s on SQLite (WAL, synchronous NORMAL) through `SqliteEventStore` alone and through the
 *   engine's `withPersonalData` over it, with a keyring whose key table is a SQLite file beside it:
 *   single-event appends and 10-event batches, every event with a personal part (the worst case), a
 *   new dossier every 25 events, so the making of its key on the first append is counted in;
 * - events/s reading the whole synthetic log of `events` events (readAll pages) and rebuilding every
 *   read model in one pass from it: the log written in plain text vs sealed, read through the plain
 *   store vs through `withPersonalData` (a fresh keyring each round, no key held in memory yet). The
 *   read models seal their personal columns in both (`ColumnCipher`, as the app always does): the
 *   rebuild's ratio is the cost of the sealed log alone.
 */
export async function benchPersonalData(options: {
  appends: number;
  events: number;
  rounds: number;
  batchSize?: number;
  log?: (line: string) => void;
}): Promise<{
  rows: PersonalDataBenchRow[];
  personalShare: number;
  keys: number;
  writeSeconds: Record<string, number>;
  /** Every round's figure of each case, plain and encrypted, to see the spread the medians hide. */
  rounds: Record<string, { plain: number[]; encrypted: number[] }>;
  /** The 1-minute load average at the start and at the end: the machine is shared. */
  load: { start: number; end: number };
}> {
  const loadAtStart = loadavg()[0];
  const master = masterKeyOf(newMasterKeyText());
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const rows: PersonalDataBenchRow[] = [];
  const rounds: Record<string, { plain: number[]; encrypted: number[] }> = {};
  const row = (name: string, unit: string, count: number, plain: number[], encrypted: number[]) => {
    const [p, e] = [median(plain), median(encrypted)];
    rounds[name] = { plain: plain.map(Math.round), encrypted: encrypted.map(Math.round) };
    rows.push({
      case: name,
      unit,
      count,
      plainPerSecond: Math.round(p),
      encryptedPerSecond: Math.round(e),
      ratio: Number((e / p).toFixed(3)),
    });
    options.log?.(`${name}: ${Math.round(p)} plain, ${Math.round(e)} encrypted ${unit} (${(e / p).toFixed(3)})`);
  };

  for (const c of [
    { name: 'single-event appends', appends: options.appends, batch: 1 },
    { name: '10-event batches', appends: Math.round(options.appends / 10), batch: 10 },
  ]) {
    const plain: number[] = [];
    const encrypted: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-personal-'));
      try {
        const runPlain = async () => {
          const store = new SqliteEventStore({ path: join(dir, 'plain.db'), synchronous: 'NORMAL' });
          plain.push(await appendsPerSecond(store, c.appends, c.batch));
          await store.close();
        };
        const runEncrypted = async () => {
          const keys = await openKeyring(join(dir, 'personal-keys.db'), master);
          const store = new SqliteEventStore({ path: join(dir, 'sealed.db'), synchronous: 'NORMAL' });
          encrypted.push(await appendsPerSecond(withPersonalData(store, keys.keyring), c.appends, c.batch, store));
          await store.close();
          await keys.close();
        };
        for (const run of round % 2 === 0 ? [runPlain, runEncrypted] : [runEncrypted, runPlain]) await run();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    row(c.name, 'appends/s', c.appends, plain, encrypted);
  }

  const dir = mkdtempSync(join(tmpdir(), 'ketnap-bench-personal-log-'));
  const plainLog = join(dir, 'plain.db');
  const sealedLog = join(dir, 'sealed.db');
  const keyTable = join(dir, 'personal-keys.db');
  try {
    const writeSeconds: Record<string, number> = {};
    const synthetic = { dossiers: Math.ceil(options.events / 15), maxEvents: options.events, seed: 2024 };
    for (const [name, path] of [
      ['plain', plainLog],
      ['sealed', sealedLog],
    ] as const) {
      const store = new SqliteEventStore({ path });
      const keys = name === 'sealed' ? await openKeyring(keyTable, master) : undefined;
      const target = keys ? withPersonalData(store, keys.keyring) : store;
      writeSeconds[name] = Number(
        (await timed(() => writeSyntheticLog(asThisReleaseWrites(target), synthetic))).toFixed(1),
      );
      await store.close();
      await keys?.close();
      options.log?.(`${name} log written: ${options.events.toLocaleString('en-US')} events in ${writeSeconds[name]} s`);
    }

    // The sealed log must hold sealed what the plain one holds in plain text, every part of it.
    const { personalShare, keys } = await checkSealedLog(plainLog, sealedLog, keyTable, batchSize);
    options.log?.(
      `${(personalShare * 100).toFixed(1)}% of events have a personal part, all sealed; ${keys} dossier keys`,
    );

    const read: Record<'plain' | 'encrypted', number[]> = { plain: [], encrypted: [] };
    const rebuilt: Record<'plain' | 'encrypted', number[]> = { plain: [], encrypted: [] };
    for (let round = 0; round < options.rounds; round += 1) {
      for (const kind of round % 2 === 0 ? (['plain', 'encrypted'] as const) : (['encrypted', 'plain'] as const)) {
        const projections = join(dir, `projections-${kind}-${round}.db`);
        for (const what of ['read', 'rebuild'] as const) {
          const store = new SqliteEventStore({ path: kind === 'plain' ? plainLog : sealedLog });
          const keys = kind === 'encrypted' ? await openKeyring(keyTable, master) : undefined;
          const source = keys ? withPersonalData(store, keys.keyring) : store;
          const pdb = what === 'rebuild' ? await ProjectionDatabase.openSqlite(projections) : undefined;
          let events = 0;
          const seconds = await timed(async () => {
            events = pdb
              ? (await rebuildProjections(source, pdb, allProjections(), { batchSize })).events
              : await readLog(source, batchSize);
          });
          (what === 'read' ? read : rebuilt)[kind].push(events / seconds);
          await pdb?.close();
          await store.close();
          await keys?.close();
        }
        rmSync(projections, { force: true });
      }
    }
    row('read the log (readAll pages)', 'events/s', options.events, read.plain, read.encrypted);
    row('rebuild, every read model in one pass', 'events/s', options.events, rebuilt.plain, rebuilt.encrypted);
    const load = { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) };
    return { rows, personalShare: Number(personalShare.toFixed(3)), keys, writeSeconds, rounds, load };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reads both logs as stored: throws unless every personal part of the plain log is sealed in the
 * other (and there are some). Answers the share of events with a personal part and the keys made.
 */
async function checkSealedLog(
  plainLog: string,
  sealedLog: string,
  keyTable: string,
  batchSize: number,
): Promise<{ personalShare: number; keys: number }> {
  const plain = new SqliteEventStore({ path: plainLog });
  const sealed = new SqliteEventStore({ path: sealedLog });
  const database = new SqliteSql(keyTable);
  try {
    let personal = 0;
    let unsealed = 0;
    const events = await readLog(plain, batchSize, (data) => {
      const part = personalOf(data);
      if (part !== undefined && part !== null) personal += 1;
    });
    let sealedParts = 0;
    await readLog(sealed, batchSize, (data) => {
      const part = personalOf(data);
      if (typeof part === 'string' && part.startsWith(SEALED_PREFIX)) sealedParts += 1;
      else if (part !== undefined && part !== null) unsealed += 1;
    });
    if (personal === 0 || sealedParts !== personal || unsealed > 0) {
      throw new Error(
        `personal-data bench: the sealed log holds ${sealedParts} sealed and ${unsealed} plain personal parts, the plain log ${personal}`,
      );
    }
    const keys = await (await PersonalKeyTable.open(database)).count();
    return { personalShare: personal / events, keys };
  } finally {
    await database.close();
    await sealed.close();
    await plain.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `node -r ./test/support/register-ts.js bench/personal-data.bench.ts [EVENTS [ROUNDS]]`: this bench alone. */
if (require.main === module) {
  const [events, rounds] = process.argv.slice(2);
  benchPersonalData({
    appends: 20_000,
    events: Number(events ?? 200_000),
    rounds: Number(rounds ?? 5),
    log: (line) => process.stdout.write(`${line}\n`),
  }).then(
    ({ rows }) => console.table(rows),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
