import pg from 'pg';
import { describeWithService } from '../../../../test/support/services';
import type { EventEnvelope, LogPage } from '../event-store.port';
import { PollingSubscription } from '../polling-subscription';
import { LateCommit } from '../testing/late-commit';
import { freshTestSchema, type TestSchema } from '../testing/postgres-schema';
import { verifyStreamEvents } from '../verify';
import { PostgresEventStore } from './postgres.event-store';

const WRITERS = 8;
const EVENTS_PER_WRITER = 10_000;
const STREAMS_PER_WRITER = 4;
const BATCH = 10;

/** Resolves once `done()` holds, checking after every page the consumer takes. */
function consumer(store: PostgresEventStore, done: (events: EventEnvelope[]) => boolean) {
  const events: EventEnvelope[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const subscription = store.subscribe({
    batchSize: 1000,
    pollIntervalMs: 10,
    handler: async (page: LogPage) => {
      events.push(...page.events);
      if (done(events)) finish();
    },
  });
  return { events, finished, subscription };
}

/** One writer: its own connection, several streams, each append with the expected version it knows. */
async function write(store: PostgresEventStore, writer: number): Promise<number[]> {
  const versions = new Array<number>(STREAMS_PER_WRITER).fill(0);
  const positions: number[] = [];
  for (let i = 0; i < EVENTS_PER_WRITER / BATCH; i += 1) {
    const s = i % STREAMS_PER_WRITER;
    const events = Array.from({ length: BATCH }, (_, k) => ({
      type: 'Counted',
      data: { writer, stream: s, n: versions[s] + k + 1 },
    }));
    const result = await store.append(`w${writer}-s${s}`, events, { expectedVersion: versions[s] });
    versions[s] = result.nextExpectedVersion;
    positions.push(...result.positions);
  }
  return positions;
}

describeWithService('postgres', 'PostgresEventStore under concurrent writers', (url) => {
  let db: TestSchema;
  beforeEach(() => (db = freshTestSchema(url, 2)));
  afterEach(() => db.drop());

  it(`delivers all ${WRITERS * EVENTS_PER_WRITER} events of ${WRITERS} writers to a live consumer once each, in stream order, chains intact`, async () => {
    const total = WRITERS * EVENTS_PER_WRITER;
    const reader = new PostgresEventStore({ connectionString: url, schema: db.schema, settleWaitMs: 50 });
    await reader.headPosition();
    const live = consumer(reader, (events) => events.length >= total);
    const pools = Array.from({ length: WRITERS }, () => new pg.Pool({ connectionString: url, max: 1 }));
    const writers = pools.map((pool) => new PostgresEventStore({ pool, schema: db.schema }));
    try {
      const appended = (await Promise.all(writers.map((store, w) => write(store, w)))).flat();
      await live.finished;
      await live.subscription.stop();

      const received = live.events;
      expect(received).toHaveLength(total);
      expect(new Set(received.map((e) => e.eventId)).size).toBe(total);
      expect(new Set(received.map((e) => e.globalPosition))).toEqual(new Set(appended));
      const byStream = new Map<string, EventEnvelope[]>();
      for (const event of received) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      expect(byStream.size).toBe(WRITERS * STREAMS_PER_WRITER);
      for (const [streamId, events] of byStream) {
        expect({ streamId, versions: events.map((e) => e.streamVersion) }).toEqual({
          streamId,
          versions: Array.from({ length: EVENTS_PER_WRITER / STREAMS_PER_WRITER }, (_, i) => i + 1),
        });
        expect(verifyStreamEvents(events).ok).toBe(true);
      }
      expect(await reader.verify()).toEqual({ ok: true, streams: WRITERS * STREAMS_PER_WRITER, events: total });
    } finally {
      await live.subscription.stop();
      for (const pool of pools) await pool.end();
      await reader.close();
    }
  }, 300_000);
});

describeWithService('postgres', 'PostgresEventStore with an append that commits late', (url) => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let late: LateCommit;
  beforeEach(async () => {
    db = freshTestSchema(url, 4);
    store = new PostgresEventStore({ pool: db.pool, schema: db.schema, settleWaitMs: 20 });
    await store.headPosition();
    late = await LateCommit.connect(url, db.schema);
  });
  afterEach(async () => {
    await late.end();
    await store.close();
    await db.drop();
  });

  it('hands out an event committed after an earlier-started one only once that one is visible, skipping none', async () => {
    await late.begin();
    await late.append('early', 'Early');
    const appended = await store.append('late', [{ type: 'Late', data: {} }], { expectedVersion: 'no-stream' });
    expect(appended.positions).toEqual([2]);

    const page = await store.readAll();
    expect(page).toMatchObject({ events: [], isEnd: false });

    const seen: EventEnvelope[] = [];
    let reads = 0;
    const counting = {
      readAll: (options: Parameters<PostgresEventStore['readAll']>[0]) => {
        reads += 1;
        return store.readAll(options);
      },
    };
    const subscription = new PollingSubscription(counting, {
      pollIntervalMs: 5,
      handler: async (p) => void seen.push(...p.events),
    });
    try {
      while (reads < 5) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(seen).toEqual([]);

      await late.commit();
      await subscription.caughtUp();
      expect(seen.map((e) => [e.type, e.globalPosition])).toEqual([
        ['Early', 1],
        ['Late', 2],
      ]);
    } finally {
      await subscription.stop();
    }
  });

  it('keeps log order by transaction, so a consumer resumes after an event whose position is lower than one it read', async () => {
    await late.begin();
    await store.append('first-committed', [{ type: 'A', data: {} }], { expectedVersion: 'no-stream' });
    await late.append('late-xid', 'B');
    expect(await store.readAll()).toMatchObject({ events: [], isEnd: false });
    await late.commit();

    const first = await store.readAll({ limit: 1 });
    expect(first.events.map((e) => [e.type, e.globalPosition])).toEqual([['B', 2]]);
    expect(first.isEnd).toBe(false);
    const rest = await store.readAll({ after: first.checkpoint });
    expect(rest.events.map((e) => [e.type, e.globalPosition])).toEqual([['A', 1]]);
    expect(rest.isEnd).toBe(true);
    // The checkpoints order the two events as the log does, the positions the other way round.
    expect(store.compareCheckpoints(first.checkpoints[0], rest.checkpoints[0])).toBeLessThan(0);
    expect(store.compareCheckpoints(rest.checkpoints[0], first.checkpoints[0])).toBeGreaterThan(0);
  });
});
