import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { tableNames, type SqliteEventStore } from '@ketnap/event-store';
import { describeWithService } from '../../../../test/support/services';
import { dumpActive, tempLogAndProjections, testProjectionDatabase } from '../testing/read-model-testing';
import { streamCountsProjection } from '../testing/stream-counts.projection';
import { LeaseLostError, type ProjectionDatabase } from './projection-database';
import { ProjectionRunner, advance, rebuildProjection, type Progress } from './projection-runner';

type Row = { stream_id: string; events: number; total: number; last_type: string };

/** The runner's behaviour, the same whichever database holds the read models (`postgresUrl`: PostgreSQL). */
function runnerSpecs(postgresUrl?: string): void {
  let remove: () => Promise<void>;
  let store: SqliteEventStore;
  let pdb: ProjectionDatabase;

  beforeEach(async () => void ({ store, pdb, remove } = await tempLogAndProjections('ketnap-proj-', postgresUrl)));
  afterEach(() => remove());

  async function fill(streams: number, perStream: number): Promise<void> {
    for (let v = 0; v < perStream; v += 1) {
      for (let s = 0; s < streams; s += 1) {
        await store.append(`s-${s}`, [{ type: v % 2 ? 'Odd' : 'Even', data: { n: v } }], { expectedVersion: v });
      }
    }
  }
  const rows = async (p = pdb) =>
    p.sql.all<Row>(`SELECT * FROM ${(await p.tables('stream-counts'))('streams')} ORDER BY stream_id`);
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
    expect(await rows()).toEqual(expected(3, 10));
    await store.append('s-0', [{ type: 'Even', data: { n: 100 } }], { expectedVersion: 10 });
    await runner.caughtUp();
    expect((await rows())[0]).toMatchObject({ events: 11, total: 145 });
    expect(runner.position()).toBe(31);
    await runner.stop();

    await store.append('s-1', [{ type: 'Odd', data: { n: 1 } }], { expectedVersion: 10 });
    const again = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 10 });
    again.start();
    await again.caughtUp();
    await again.stop();
    expect((await rows()).map((r) => r.events)).toEqual([11, 11, 10]);
    expect(await pdb.active('stream-counts')).toMatchObject({ generation: 1, position: 32, events: 32 });
  });

  it('rolls back a failing page with its checkpoint and retries it until it applies', async () => {
    // Its first generation built on an empty log, so the failing pages are live ones (not the first build's).
    const first = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 5 });
    first.start();
    await first.caughtUp();
    await first.stop();
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
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(await pdb.active('stream-counts')).toMatchObject({ position: 0, events: 0 });
    expect(await rows()).toEqual([]);
    failing = false;
    await runner.caughtUp();
    await runner.stop();
    expect(await rows()).toEqual(expected(2, 4));
  });

  it('builds its first generation as a rebuild does on a log already long, answering nothing until it is swapped in', async () => {
    await fill(3, 10);
    const building: boolean[] = [];
    const counts = streamCountsProjection();
    const projection = {
      ...counts,
      apply: (ctx: Parameters<typeof counts.apply>[0], events: Parameters<typeof counts.apply>[1]) => {
        building.push(ctx.building);
        return counts.apply(ctx, events);
      },
    };
    const runner = new ProjectionRunner(store, pdb, projection, { pollIntervalMs: 5 });
    await expect(pdb.tables('stream-counts')).rejects.toThrow('read model stream-counts is not built yet');
    runner.start();
    await runner.caughtUp();
    expect(building.length).toBeGreaterThan(0);
    expect(building.every(Boolean)).toBe(true);
    expect(await rows()).toEqual(expected(3, 10));
    expect(await pdb.generations('stream-counts')).toEqual([
      expect.objectContaining({ generation: 1, status: 'active', position: 30, events: 30 }),
    ]);
    // Then it follows the log live, page by page.
    await store.append('s-0', [{ type: 'Even', data: { n: 100 } }], { expectedVersion: 10 });
    await runner.caughtUp();
    await runner.stop();
    expect(building.at(-1)).toBe(false);
    expect((await rows())[0]).toMatchObject({ events: 11 });
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
    expect(await pdb.sql.get("SELECT owner FROM projection_leases WHERE name = 'stream-counts'")).toEqual({
      owner: 'a',
    });
    expect(second.position()).toBe(4);
    expect(await rows()).toEqual(expected(1, 4));
    await first.stop();
    await second.caughtUp();
    expect(second.position()).toBe(4);
    await second.stop();
    expect(await rows()).toEqual(expected(1, 4));
  });

  it('rebuilds into a fresh generation identical to the live one, swaps it in and drops the old tables', async () => {
    await fill(4, 25);
    const runner = new ProjectionRunner(store, pdb, streamCountsProjection(), { pollIntervalMs: 5 });
    runner.start();
    await runner.caughtUp();
    const live = await rows();
    const progress: Progress[] = [];
    const done = await rebuildProjection(store, pdb, streamCountsProjection(), {
      batchSize: 30,
      onProgress: (p) => progress.push(p),
    });
    expect(done).toMatchObject({ generation: 2, position: 100, head: 100, events: 100 });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.map((p) => p.position)).toEqual([...progress.map((p) => p.position)].sort((a, b) => a - b));
    expect(await rows()).toEqual(live);
    expect((await pdb.generations('stream-counts')).map((g) => [g.generation, g.status])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    const leftovers = (await tableNames(pdb.sql)).filter((t) => t.startsWith('rm_stream_counts_g1_'));
    expect(leftovers).toEqual([]);
    await store.append('s-0', [{ type: 'Odd', data: { n: 1 } }], { expectedVersion: 25 });
    await runner.caughtUp();
    await runner.stop();
    expect((await rows())[0]).toMatchObject({ events: 26 });
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
    expect(await pdb.active('stream-counts')).toMatchObject({ generation: 2, version: 2 });
    expect(await rows()).toEqual(expected(2, 5));
  });

  it.each([
    ['with the pages it writes', 5],
    ['on an empty log, whose only page writes nothing', 0],
  ])('renews the leases a rebuild holds for its caller %s', async (_, perStream) => {
    await fill(2, perStream);
    const held = (await pdb.lease('stream-counts', 'runner-a', 1_000))!;
    const started = Date.now();
    await rebuildProjection(store, pdb, streamCountsProjection(), { batchSize: 4, holding: [held] });
    const lease = await pdb.sql.get<{ expires_at: number; token: number }>(
      'SELECT expires_at, token FROM projection_leases WHERE name = ?',
      ['stream-counts'],
    );
    // Renewed for the rebuild's 30 s, not the 1 s it was taken for; still the caller's (the rebuild releases only its own).
    expect(lease!.expires_at).toBeGreaterThanOrEqual(started + 30_000);
    expect(lease!.token).toBe(held.token);
    expect(await pdb.lease('stream-counts#rebuild', 'someone-else', 60_000)).toBeDefined();
  });

  it('refuses a second rebuild of the same projection while one runs', async () => {
    await fill(1, 2);
    expect(await pdb.lease('stream-counts#rebuild', 'someone-else', 60_000)).toBeDefined();
    await expect(rebuildProjection(store, pdb, streamCountsProjection())).rejects.toThrow(
      'a rebuild of stream-counts is already running',
    );
  });

  it('fences a runner whose lease another took: its next page write fails and changes nothing', async () => {
    await fill(2, 5);
    const projection = streamCountsProjection();
    const a = (await pdb.lease('stream-counts', 'runner-a', 1_000))!;
    const first = await pdb.createGeneration(projection, 'active');
    await advance(store, pdb, projection, first, 4, [a]);
    const afterA = (await pdb.active('stream-counts'))!;
    const rowsOfA = await rows();
    expect(afterA.position).toBe(4);

    // A pauses past its lease's end; B takes the lease over.
    const b = await pdb.lease('stream-counts', 'runner-b', 60_000, Date.now() + 2_000);
    expect(b).toEqual({ name: 'stream-counts', owner: 'runner-b', token: a.token + 1 });
    await expect(advance(store, pdb, projection, afterA, 4, [a])).rejects.toThrow(LeaseLostError);
    expect(await pdb.active('stream-counts')).toEqual(afterA);
    expect(await rows()).toEqual(rowsOfA);

    const runnerB = new ProjectionRunner(store, pdb, projection, { owner: 'runner-b', pollIntervalMs: 5 });
    runnerB.start();
    await runnerB.caughtUp();
    await runnerB.stop();
    const fresh = await testProjectionDatabase({ postgresUrl });
    try {
      await rebuildProjection(store, fresh.pdb, projection);
      expect(await dumpActive(pdb, ['stream-counts'])).toEqual(await dumpActive(fresh.pdb, ['stream-counts']));
      expect(await rows()).toEqual(expected(2, 5));
    } finally {
      await fresh.drop();
    }
  });
}

describe('ProjectionRunner on SQLite', () => {
  runnerSpecs();

  it('takes over at once a lease whose owner on this host has died, never one of a live process', async () => {
    const { pdb, drop } = await testProjectionDatabase();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(await pdb.lease('stream-counts', `runner@${hostname()}#${dead}#0badc0de`, 60_000)).toBeDefined();
    expect(await pdb.lease('stream-counts', 'runner-new', 60_000)).toBeDefined();
    expect(await pdb.lease('other', `runner@${hostname()}#${process.ppid}#0badc0de`, 60_000)).toBeDefined();
    expect(await pdb.lease('other', 'runner-new', 60_000)).toBeUndefined();
    expect(await pdb.lease('third', `runner@elsewhere#${dead}#0badc0de`, 60_000)).toBeDefined();
    expect(await pdb.lease('third', 'runner-new', 60_000)).toBeUndefined();
    await drop();
  });
});

describeWithService('postgres', 'ProjectionRunner on PostgreSQL', (url) => {
  runnerSpecs(url);

  it('hands a lease over when it expires, whatever its owner (processes of several hosts)', async () => {
    const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const now = Date.now();
    expect(await pdb.lease('stream-counts', `runner@${hostname()}#${dead}#0badc0de`, 60_000, now)).toBeDefined();
    expect(await pdb.lease('stream-counts', 'runner-new', 60_000, now + 1_000)).toBeUndefined();
    expect(await pdb.lease('stream-counts', 'runner-new', 60_000, now + 60_001)).toMatchObject({ token: 2 });
    await drop();
  });
});
