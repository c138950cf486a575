import {
  LOG_START,
  PostgresEventStore,
  insertRows,
  type EventEnvelope,
  type EventStore,
  type LogPage,
} from '@ketnap/event-store';
import { LateCommit, freshTestSchema, type TestSchema } from '@ketnap/event-store/testing';
import { describeWithService } from '../../../../test/support/services';
import type { Projection, ProjectionContext } from '../projection';
import { DOSSIER_LIST, dossierListProjection } from '../read-models/dossier-list/dossier-list.projection';
import { streamCountsProjection } from '../testing/stream-counts.projection';
import { dumpActive, testColumnCipher, testProjectionDatabase } from '../testing/read-model-testing';
import { writeSyntheticLog } from '../testing/synthetic-log';
import type { Generation, ProjectionDatabase } from './projection-database';
import { ProjectionRunner, advance } from './projection-runner';
import { rebuildProjections, type RebuildOptions } from './rebuild-projections';

/**
 * The log as a projection saw it, one row per event in the order applied: kept in memory while
 * building and written at `complete`, so an event a resumed rebuild applies twice or skips shows.
 * Its `resume` asks for every event it counted again.
 */
function transcript(name: string): Projection {
  const memory = new Map<string, string[]>();
  const seen = (ctx: ProjectionContext) => {
    const key = ctx.table('events');
    if (!memory.has(key)) memory.set(key, []);
    return memory.get(key)!;
  };
  return {
    name,
    version: 1,
    create: ({ sql, table }) =>
      sql.exec(`CREATE TABLE ${table('events')} (rank INTEGER PRIMARY KEY, event_id TEXT NOT NULL)`),
    apply: async (ctx, events) => {
      if (!ctx.building) throw new Error('the transcript is only rebuilt');
      seen(ctx).push(...events.map((e) => e.eventId));
    },
    resume: async (ctx) => {
      memory.set(ctx.table('events'), []);
      return LOG_START;
    },
    complete: (ctx) =>
      insertRows(
        ctx.sql,
        `${ctx.table('events')} (rank, event_id)`,
        seen(ctx).map((id, i) => [i + 1, id]),
      ),
  };
}

/** Every event of the log, in log order (the store's walk: on PostgreSQL not always position order). */
async function wholeLog(store: EventStore): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (let after = LOG_START; ;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    if (page.isEnd) return events;
    after = page.checkpoint;
  }
}

/** True when an event after the generation's checkpoint has a position at or below the highest it applied. */
async function lowerPositionAhead(store: EventStore, generation: Generation): Promise<boolean> {
  let after = generation.checkpoint;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.events.some((e) => e.globalPosition <= generation.position)) return true;
    if (page.isEnd) return false;
    after = page.checkpoint;
  }
}

const until = async (ready: () => boolean): Promise<void> => {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describeWithService(
  'postgres',
  'rebuilding read models from a PostgreSQL log whose positions are out of log order',
  (url) => {
    let log: TestSchema;
    let store: PostgresEventStore;
    let late: LateCommit;
    let expected: string[];
    let fresh: Record<string, Record<string, unknown[]>>;
    const BATCH = 37;
    /** Pages of a resumed rebuild: another size than the stopped one's, so the pages it reads again do not end where it stopped. */
    const RESUMED_BATCH = 50;
    const projections = () => [
      transcript('transcript-a'),
      transcript('transcript-b'),
      dossierListProjection(testColumnCipher(), { cachedDossiers: 5, replayWindow: 60 }),
    ];
    const names = ['transcript-a', 'transcript-b', DOSSIER_LIST];

    beforeAll(async () => {
      log = freshTestSchema(url, 4);
      store = new PostgresEventStore({ pool: log.pool, schema: log.schema, settleWaitMs: 20 });
      late = await LateCommit.connect(url, log.schema);
      // Every sixth append of dossier events opens a transaction that commits after the next two, with
      // an event of its own: first in log order, its position above theirs.
      let appends = 0;
      let open = false;
      const interleaved: Pick<EventStore, 'append'> = {
        append: async (...args) => {
          appends += 1;
          if (appends % 6 === 0) await late.begin();
          open ||= appends % 6 === 0;
          const result = await store.append(...args);
          if (open && appends % 6 === 2) await late.commit(`late-${appends}`);
          open &&= appends % 6 !== 2;
          return result;
        },
      };
      await writeSyntheticLog(interleaved, { dossiers: 24, seed: 11 });
      if (open) await late.commit('late-last');
      const events = await wholeLog(store);
      expected = events.map((e) => e.eventId);
      const descents = events.filter((e, i) => i > 0 && e.globalPosition < events[i - 1].globalPosition).length;
      expect(descents).toBeGreaterThan(5);

      const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
      await rebuildProjections(store, pdb, projections(), { batchSize: BATCH });
      fresh = await dumpActive(pdb, names);
      await drop();
    }, 120_000);
    afterAll(async () => {
      await late.end();
      await store.close();
      await log.drop();
    });

    it('a fresh rebuild holds every event once, in log order', () => {
      expect((fresh['transcript-a'].events as Array<{ event_id: string }>).map((r) => r.event_id)).toEqual(expected);
      expect(fresh[DOSSIER_LIST].dossiers).toHaveLength(24);
    });

    /** A rebuild of `projections` stopped after `pages` pages, left `building`; the generations it left. */
    async function stoppedAfter(
      pdb: ProjectionDatabase,
      of: Projection[],
      pages: number,
      options: RebuildOptions = {},
    ): Promise<Generation[]> {
      let read = 0;
      await rebuildProjections(store, pdb, of, { batchSize: BATCH, ...options, stopped: () => (read += 1) === pages });
      return Promise.all(of.map(async (p) => (await pdb.generations(p.name)).find((g) => g.status === 'building')!));
    }

    it('stopped between any two pages and resumed, equals a fresh rebuild (the events to apply again chosen by log order)', async () => {
      const pages = Math.ceil(expected.length / BATCH);
      let meaningful = 0;
      for (let stop = 1; stop < pages; stop += 1) {
        const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
        try {
          const [stopped] = await stoppedAfter(pdb, projections(), stop);
          if (await lowerPositionAhead(store, stopped)) meaningful += 1;
          await rebuildProjections(store, pdb, projections(), { batchSize: RESUMED_BATCH });
          expect({ stop, dump: await dumpActive(pdb, names) }).toEqual({ stop, dump: fresh });
        } finally {
          await drop();
        }
      }
      // Stops after which the log goes on below the highest position applied: where positions would mislead.
      expect(meaningful).toBeGreaterThan(2);
    }, 300_000);

    it('read models stopped at different places and resumed in one pass each skip what they hold by log order, equal to a fresh rebuild', async () => {
      const pages = Math.ceil(expected.length / BATCH);
      let meaningful = 0;
      for (let ahead = 2; ahead < pages; ahead += 1) {
        const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
        try {
          const [transcriptA, transcriptB, list] = projections();
          await stoppedAfter(pdb, [transcriptA], 1);
          const [stopped] = await stoppedAfter(pdb, [transcriptB, list], ahead);
          if (await lowerPositionAhead(store, stopped)) meaningful += 1;
          await rebuildProjections(store, pdb, projections(), { batchSize: RESUMED_BATCH });
          expect({ ahead, dump: await dumpActive(pdb, names) }).toEqual({ ahead, dump: fresh });
        } finally {
          await drop();
        }
      }
      expect(meaningful).toBeGreaterThan(1);
    }, 300_000);
  },
);

describeWithService('postgres', 'a rebuild reaching a transaction still open on a PostgreSQL log', (url) => {
  let log: TestSchema;
  let store: PostgresEventStore;
  let late: LateCommit;
  beforeEach(async () => {
    log = freshTestSchema(url, 4);
    // No settling wait: a read held back by the open transaction answers at once.
    store = new PostgresEventStore({ pool: log.pool, schema: log.schema, settleWaitMs: 0 });
    late = await LateCommit.connect(url, log.schema);
  });
  afterEach(async () => {
    await late.end();
    await store.close();
    await log.drop();
  });

  it.each([
    ['before the first event', 0],
    ['after five events', 5],
  ])(
    'opened %s: waits between reads rather than asking again at once, and finishes once it commits',
    async (_, settled) => {
      for (let i = 0; i < settled; i += 1)
        await store.append(`s-${i}`, [{ type: 'Counted', data: { n: i } }], { expectedVersion: 'no-stream' });
      await late.begin();
      for (let i = settled; i < settled + 3; i += 1)
        await store.append(`s-${i}`, [{ type: 'Counted', data: { n: i } }], { expectedVersion: 'no-stream' });

      let reads = 0;
      let heldBack = false;
      const counting = {
        readAll: async (options?: Parameters<EventStore['readAll']>[0]): Promise<LogPage> => {
          reads += 1;
          const page = await store.readAll(options);
          if (!page.isEnd && page.events.length === 0) heldBack = true;
          return page;
        },
        headPosition: () => store.headPosition(),
        readStream: (...args: Parameters<EventStore['readStream']>) => store.readStream(...args),
        compareCheckpoints: (a: string, b: string) => store.compareCheckpoints(a, b),
      };
      const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
      try {
        let finished = false;
        const rebuild = rebuildProjections(counting, pdb, [transcript('transcript-b')], { pollIntervalMs: 100 }).then(
          () => (finished = true),
        );
        await until(() => heldBack);
        const before = reads;
        await new Promise((resolve) => setTimeout(resolve, 500));
        // About one read per 100 ms; a rebuild that reads again at once makes hundreds.
        expect(reads - before).toBeLessThan(15);
        expect(finished).toBe(false);

        await late.commit('late-1');
        await rebuild;
        const rows = (await dumpActive(pdb, ['transcript-b']))['transcript-b'].events as Array<{ event_id: string }>;
        expect(rows.map((r) => r.event_id)).toEqual((await wholeLog(store)).map((e) => e.eventId));
        expect(rows).toHaveLength(settled + 4);
      } finally {
        await drop();
      }
    },
  );

  it('a live runner reaching it waits between reads too, and applies it once it commits', async () => {
    await store.append('s-0', [{ type: 'Counted', data: { n: 0 } }], { expectedVersion: 'no-stream' });
    await late.begin();
    await store.append('s-1', [{ type: 'Counted', data: { n: 1 } }], { expectedVersion: 'no-stream' });
    let reads = 0;
    let heldBack = false;
    const counting: PostgresEventStore = Object.create(store);
    counting.readAll = async (options) => {
      reads += 1;
      const page = await store.readAll(options);
      if (!page.isEnd && page.events.length === 0) heldBack = true;
      return page;
    };
    const projection = streamCountsProjection();
    const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
    const runner = new ProjectionRunner(counting, pdb, projection, { pollIntervalMs: 100 });
    try {
      runner.start();
      await until(() => heldBack);
      const before = reads;
      await new Promise((resolve) => setTimeout(resolve, 500));
      // About one read per 100 ms; a runner that reads again at once makes hundreds.
      expect(reads - before).toBeLessThan(15);

      await late.commit('late-1');
      await runner.caughtUp();
      expect((await dumpActive(pdb, [projection.name]))[projection.name].streams).toHaveLength(3);
    } finally {
      await runner.stop();
      await drop();
    }
  });
});

describeWithService('postgres', 'ProjectionRunner standing by on a PostgreSQL log', (url) => {
  let log: TestSchema;
  let store: PostgresEventStore;
  let late: LateCommit;
  beforeEach(async () => {
    log = freshTestSchema(url, 4);
    store = new PostgresEventStore({ pool: log.pool, schema: log.schema, settleWaitMs: 20 });
    late = await LateCommit.connect(url, log.schema);
  });
  afterEach(async () => {
    await late.end();
    await store.close();
    await log.drop();
  });

  it('is caught up only once the process holding the lease applied every lower position, whatever the highest it applied', async () => {
    await store.append('s-1', [{ type: 'Counted', data: { n: 1 } }], { expectedVersion: 'no-stream' });
    await late.begin();
    const [low] = (await store.append('s-2', [{ type: 'Counted', data: { n: 2 } }], { expectedVersion: 'no-stream' }))
      .positions;
    await late.commit('late-1');
    const events = await wholeLog(store);
    // Log order: s-1, then the late event (position 3), then s-2 (position 2).
    expect(events.map((e) => [e.streamId, e.globalPosition])).toEqual([
      ['s-1', 1],
      ['late-1', 3],
      ['s-2', low],
    ]);

    const projection = streamCountsProjection();
    const { pdb, drop } = await testProjectionDatabase({ postgresUrl: url });
    const runner = new ProjectionRunner(store, pdb, projection, { pollIntervalMs: 5 });
    try {
      // Another process holds the lease and has applied the log up to the late event.
      await pdb.lease(projection.name, 'other-host', 60_000);
      const { generation } = await pdb.createGeneration(projection, 'active');
      const first = await advance(store, pdb, projection, (await pdb.active(projection.name))!, 2);
      expect(first).toMatchObject({ count: 2, position: 3, isEnd: false });

      const standBys = jest.spyOn(pdb, 'active');
      runner.start();
      let caughtUp = false;
      let caughtUpToLow = false;
      const all = runner.caughtUp().then(() => (caughtUp = true));
      const toLow = runner.caughtUp(low).then(() => (caughtUpToLow = true));
      await until(() => standBys.mock.calls.length >= 4);
      expect(runner.position()).toBe(3);
      expect({ caughtUp, caughtUpToLow }).toEqual({ caughtUp: false, caughtUpToLow: false });

      await advance(store, pdb, projection, (await pdb.active(projection.name))!, 2);
      await Promise.all([all, toLow]);
      expect({ caughtUp, caughtUpToLow }).toEqual({ caughtUp: true, caughtUpToLow: true });
      expect((await dumpActive(pdb, [projection.name]))[projection.name].streams).toHaveLength(3);
      expect(generation).toBe((await pdb.active(projection.name))!.generation);
    } finally {
      await runner.stop();
      await drop();
    }
  });
});
