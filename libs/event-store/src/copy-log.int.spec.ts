import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DivergedCopyError, checkCopy, copyLog, type CopyProgress } from './copy-log';
import { LOG_START, type EventEnvelope, type EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite.event-store';
import { TestClock } from './testing/event-store.contract';

/** The whole log of a store, in order. */
async function wholeLog(store: EventStore): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (let after = LOG_START; ;) {
    const page = await store.readAll({ after, limit: 500 });
    events.push(...page.events);
    after = page.checkpoint;
    if (page.isEnd) return events;
  }
}

/** 40 dossiers taking turns, 300 events, commands of several events, metadata in full. */
async function writeSource(store: SqliteEventStore, clock: TestClock): Promise<void> {
  for (let round = 0; round < 6; round += 1) {
    for (let d = 0; d < 40; d += 1) {
      if ((d + round) % 4 === 0 && round > 0) continue;
      const version = (await store.streamVersion(`dossier-${d}`)) ?? 0;
      await store.append(
        `dossier-${d}`,
        Array.from({ length: 1 + ((d + round) % 3) }, (_, k) => ({
          type: `Step${round}`,
          schemaVersion: 1 + (k % 2),
          data: { round, k, ghiChú: 'Đảng ủy xã Đồng Tiến', '10': 1, '9': [null, { b: 1, a: 2 }] },
          metadata: {
            actor: { sub: `u-${d}`, role: 'office', unitIds: ['dong-tien'] },
            occurredOn: '2024-03-07',
            ruleSet: 'qd24-2021',
            correlationId: `corr-${d}-${round}`,
          },
        })),
        { expectedVersion: version, commandId: `cmd-${d}-${round}` },
      );
      clock.advance(1000);
    }
  }
}

describe('copyLog: one SQLite file into another', () => {
  let dir: string;
  let source: SqliteEventStore;
  let target: SqliteEventStore;
  let sourceEvents: EventEnvelope[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ketnap-copy-'));
    const clock = new TestClock();
    source = new SqliteEventStore({ path: join(dir, 'source.db'), clock: clock.now });
    await writeSource(source, clock);
    sourceEvents = await wholeLog(source);
  });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    target = new SqliteEventStore({ path: join(dir, `target-${Date.now()}-${Math.random()}.db`) });
  });
  afterEach(() => target.close());

  it('copies every event with every field, the commands with them, and the copy checks out', async () => {
    expect(sourceEvents.length).toBeGreaterThan(300);
    const seen: CopyProgress[] = [];
    const run = await copyLog(source, target, { batch: 64, onProgress: (p) => seen.push(p) });
    expect(run).toMatchObject({ resumedAfter: 0, copied: sourceEvents.length, position: sourceEvents.length });
    expect(await wholeLog(target)).toEqual(sourceEvents);
    expect(seen.at(-1)).toMatchObject({ position: sourceEvents.length, head: sourceEvents.length });
    expect(seen.map((p) => p.position)).toEqual([...seen.map((p) => p.position)].sort((a, b) => a - b));
    const check = await checkCopy(source, target);
    expect(check).toMatchObject({ ok: true, differences: [], chain: { ok: true } });
    expect(check.target).toEqual(check.source);
    expect(check.source).toEqual({ events: sourceEvents.length, streams: 40, head: sourceEvents.length });
    for (const commandId of ['cmd-0-0', 'cmd-17-3', 'cmd-39-5']) {
      expect(await target.commandResult(commandId)).toEqual(await source.commandResult(commandId));
    }
    const stored = (db: SqliteEventStore) => db.db.prepare('SELECT * FROM events ORDER BY global_position').all();
    expect(stored(target)).toEqual(stored(source));
  });

  it('resumes after a copy that stopped midway, without a duplicate', async () => {
    const stop = new Error('killed');
    await expect(
      copyLog(source, target, {
        batch: 50,
        onProgress: (p) => {
          if (p.position >= 100) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(await target.headPosition()).toBe(100);
    const resumed: number[] = [];
    const run = await copyLog(source, target, { batch: 50, onResume: (position) => resumed.push(position) });
    expect(run).toMatchObject({ resumedAfter: 100, copied: sourceEvents.length - 100 });
    expect(resumed).toEqual([100]);
    expect(await wholeLog(target)).toEqual(sourceEvents);
    expect((await checkCopy(source, target)).ok).toBe(true);
    expect(await copyLog(source, target)).toMatchObject({ resumedAfter: sourceEvents.length, copied: 0 });
  });

  it('refuses a target whose log is not a prefix of the source, and copies nothing into it', async () => {
    await target.append('dossier-0', [{ type: 'Elsewhere', data: {} }], { expectedVersion: 'no-stream' });
    const resumed: number[] = [];
    await expect(copyLog(source, target, { onResume: (p) => resumed.push(p) })).rejects.toBeInstanceOf(
      DivergedCopyError,
    );
    expect(resumed).toEqual([]);
    const shifted = new SqliteEventStore({ path: join(dir, 'shifted.db') });
    await shifted.importEvents(sourceEvents.slice(0, 10));
    await shifted.append('dossier-0', [{ type: 'Elsewhere', data: {} }], { expectedVersion: 'any' });
    await expect(copyLog(source, shifted)).rejects.toThrow(/position 11 is not the source's/);
    expect(await shifted.headPosition()).toBe(11);
    await shifted.close();
    expect(await target.headPosition()).toBe(1);
  });

  it('names what differs when the target holds more than the source', async () => {
    await copyLog(source, target);
    await target.append('dossier-extra', [{ type: 'Extra', data: {} }], { expectedVersion: 'no-stream' });
    const check = await checkCopy(source, target);
    expect(check.ok).toBe(false);
    expect(check.differences).toEqual([
      { what: 'events', source: sourceEvents.length, target: sourceEvents.length + 1 },
      { what: 'streams', source: 40, target: 41 },
      { what: 'head', source: sourceEvents.length, target: sourceEvents.length + 1 },
    ]);
    await expect(copyLog(source, target)).rejects.toThrow(/holds \d+ events, the source only/);
  });
});
