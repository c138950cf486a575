import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { SqliteEventStore } from '@ketnap/event-store';
import { tempLogAndProjections } from '../testing/read-model-testing';
import { streamCountsProjection } from '../testing/stream-counts.projection';
import type { ProjectionDatabase } from './projection-database';
import { ProjectionRunner, rebuildProjection, type Progress } from './projection-runner';

type Row = { stream_id: string; events: number; total: number; last_type: string };

describe('ProjectionRunner on SQLite', () => {
  let remove: () => Promise<void>;
  let store: SqliteEventStore;
  let pdb: ProjectionDatabase;

  beforeEach(() => void ({ store, pdb, remove } = tempLogAndProjections('ketnap-proj-')));
  afterEach(() => remove());

  async function fill(streams: number, perStream: number): Promise<void> {
    for (let v = 0; v < perStream; v += 1) {
      for (let s = 0; s < streams; s += 1) {
        await store.append(`s-${s}`, [{ type: v % 2 ? 'Odd' : 'Even', data: { n: v } }], { expectedVersion: v });
      }
    }
  }
  const rows = (p = pdb) =>
    p.db.prepare(`SELECT * FROM ${p.tables('stream-counts')('streams')} ORDER BY stream_id`).all() as Row[];
  const expected = (streams: number, perStream: number): Row[] =>
    Array.from({ length: streams }, (_, s) => ({
      stream_id: `s-${s}`,
      events: perStream,
      total: (perStream * (perStream - 1)) / 2,
      last_type: (perStream - 1) % 2 ? 'Odd' : 'Even',
    })).sort((a, b) => a.stream_id.localeCompare(b.stream_id));

  it('catches up, keeps following the log, and resumes from its checkpoint without applying twice', async () => {
    await fill(3, 10);
    const runner = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 10, batchSize: 7 });
    runner.start();
    await runner.caughtUp();
    expect(rows()).toEqual(expected(3, 10));
    await store.append('s-0', [{ type: 'Even', data: { n: 100 } }], { expectedVersion: 10 });
    await runner.caughtUp();
    expect(rows()[0]).toMatchObject({ events: 11, total: 145 });
    expect(runner.position()).toBe(31);
    await runner.stop();

    await store.append('s-1', [{ type: 'Odd', data: { n: 1 } }], { expectedVersion: 10 });
    const again = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 10 });
    again.start();
    await again.caughtUp();
    await again.stop();
    expect(rows().map((r) => r.events)).toEqual([11, 11, 10]);
    expect(pdb.active('stream-counts')).toMatchObject({ generation: 1, position: 32, events: 32 });
  });

  it('rolls back a failing page with its checkpoint and retries it until it applies', async () => {
    await fill(2, 4);
    let failing = true;
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(
      store,
      pdb,
      streamCountsProjection(1, (type) => failing && type === 'Odd'),
      {
        pollIntervalMs: 5,
        onError: (e) => errors.push(e),
      },
    );
    runner.start();
    await new Promise((r) => setTimeout(r, 60));
    expect(errors.length).toBeGreaterThan(0);
    expect(pdb.active('stream-counts')).toMatchObject({ position: 0, events: 0 });
    expect(rows()).toEqual([]);
    failing = false;
    await runner.caughtUp();
    await runner.stop();
    expect(rows()).toEqual(expected(2, 4));
  });

  it('lets only one runner per projection work at a time; the other follows the position it reaches', async () => {
    await fill(1, 3);
    const first = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 5, owner: 'a' });
    const second = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 5, owner: 'b' });
    first.start();
    await first.caughtUp();
    second.start();
    await store.append('s-0', [{ type: 'Odd', data: { n: 3 } }], { expectedVersion: 3 });
    await first.caughtUp();
    await second.caughtUp();
    expect(pdb.db.prepare("SELECT owner FROM projection_leases WHERE name = 'stream-counts'").get()).toEqual({
      owner: 'a',
    });
    expect(second.position()).toBe(4);
    expect(rows()).toEqual(expected(1, 4));
    await first.stop();
    await second.caughtUp();
    expect(second.position()).toBe(4);
    await second.stop();
    expect(rows()).toEqual(expected(1, 4));
  });

  it('rebuilds into a fresh generation identical to the live one, swaps it in and drops the old tables', async () => {
    await fill(4, 25);
    const runner = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 5 });
    runner.start();
    await runner.caughtUp();
    const live = rows();
    const progress: Progress[] = [];
    const done = await rebuildProjection(store, pdb, streamCountsProjection(), {
      batchSize: 30,
      onProgress: (p) => progress.push(p),
    });
    expect(done).toMatchObject({ generation: 2, position: 100, head: 100, events: 100 });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.map((p) => p.position)).toEqual([...progress.map((p) => p.position)].sort((a, b) => a - b));
    expect(rows()).toEqual(live);
    expect(pdb.generations('stream-counts').map((g) => [g.generation, g.status])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    const leftovers = pdb.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'rm_stream_counts_g1_%'").all();
    expect(leftovers).toEqual([]);
    await store.append('s-0', [{ type: 'Odd', data: { n: 1 } }], { expectedVersion: 25 });
    await runner.caughtUp();
    await runner.stop();
    expect(rows()[0]).toMatchObject({ events: 26 });
  });

  it('rebuilds by itself when the projection version changes, answering from the old generation meanwhile', async () => {
    await fill(2, 5);
    const v1 = new ProjectionRunner(store, pdb, streamCountsProjection(1), { pollIntervalMs: 5 });
    v1.start();
    await v1.caughtUp();
    await v1.stop();
    const v2 = new ProjectionRunner(store, pdb, streamCountsProjection(2), { pollIntervalMs: 5 });
    v2.start();
    await v2.caughtUp();
    await v2.stop();
    expect(pdb.active('stream-counts')).toMatchObject({ generation: 2, version: 2 });
    expect(rows()).toEqual(expected(2, 5));
  });

  it('refuses a second rebuild of the same projection while one runs', async () => {
    await fill(1, 2);
    expect(pdb.lease('stream-counts#rebuild', 'someone-else', 60_000)).toBe(true);
    await expect(rebuildProjection(store, pdb, streamCountsProjection())).rejects.toThrow(
      'a rebuild of stream-counts is already running',
    );
  });

  it('takes over at once a lease whose owner on this host has died, never one of a live process', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(pdb.lease('stream-counts', `runner@${hostname()}#${dead}#0badc0de`, 60_000)).toBe(true);
    expect(pdb.lease('stream-counts', 'runner-new', 60_000)).toBe(true);
    expect(pdb.lease('other', `runner@${hostname()}#${process.ppid}#0badc0de`, 60_000)).toBe(true);
    expect(pdb.lease('other', 'runner-new', 60_000)).toBe(false);
    expect(pdb.lease('third', `runner@elsewhere#${dead}#0badc0de`, 60_000)).toBe(true);
    expect(pdb.lease('third', 'runner-new', 60_000)).toBe(false);
  });
});
