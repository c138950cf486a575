import { ConcurrencyError, InvalidAppendError } from '../errors';
import { LOG_START, type EventEnvelope, type EventStore, type NewEvent } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { MemoryEventStore } from '../memory/memory.event-store';

/** What an adapter hands the contract suite. */
export interface ContractHarness {
  store: EventStore;
  /** Changes one byte of a stored event's data behind the store's back (see {@link ContractFeatures.noTamper}). */
  tamper?(streamId: string, streamVersion: number): Promise<void>;
  cleanup(): Promise<void>;
}

/** What sets a store apart, for the assertions that depend on it. */
export interface ContractFeatures {
  /**
   * `'dense'` (default): the global positions count the events, 1, 2, 3… `'sparse'`: they order the log
   * without counting it (EventStoreDB's are offsets in its transaction log); the suite then checks each
   * position by its rank in the log, and the head by the rank of the last event.
   */
  positions?: 'dense' | 'sparse';
  /** Why no stored event can be changed behind the store's back, for a store where none can: the tamper test is skipped, saying so. */
  noTamper?: string;
}

/** A clock the suite moves by hand. */
export class TestClock {
  constructor(private instant = new Date('2024-03-07T02:00:00.000Z')) {}
  now = (): Date => new Date(this.instant);
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

const ev = (type: string, data: unknown = {}): NewEvent => ({ type, data });
const many = (n: number, type = 'Counted') => Array.from({ length: n }, (_, i) => ev(type, { i }));

/**
 * A log sealed by another store, as a deployment being moved holds it: streams taking turns, a
 * command of three events, metadata in full, a schema version 2, keys a JavaScript object reorders
 * (`"10"` before `"9"`), Vietnamese text; recorded a day before the suite's clock.
 */
async function sealedElsewhere(): Promise<{ source: MemoryEventStore; events: EventEnvelope[] }> {
  const source = new MemoryEventStore(new TestClock(new Date('2024-03-06T01:00:00.000Z')).now);
  const actor = { sub: 'u1', role: 'office', unitIds: ['dong-tien'] };
  await source.append('dossier-a', [ev('A1', { '10': 'x', '9': 'y', b: [1, { z: 1, a: 2 }] })], {
    expectedVersion: 'no-stream',
  });
  await source.append('dossier-b', many(3, 'B'), { expectedVersion: 'no-stream', commandId: 'cmd-b' });
  await source.append(
    'dossier-a',
    [
      {
        type: 'A2',
        schemaVersion: 2,
        eventId: 'e-a2',
        data: { fullName: 'Nguyễn Thị Hồng Nhung' },
        metadata: { actor, occurredOn: '2024-03-05', ruleSet: 'qd24-2021', correlationId: 'c1', causationId: 'c0' },
      },
    ],
    { expectedVersion: 1, commandId: 'cmd-a2' },
  );
  await source.append('dossier-b', many(1, 'B'), { expectedVersion: 3 });
  return { source, events: (await source.readAll({ limit: 100 })).events };
}

/**
 * The one contract every event store adapter passes. Call it inside a test file:
 * `eventStoreContract('sqlite', (clock) => ...)`.
 */
export function eventStoreContract(
  name: string,
  makeHarness: (clock: TestClock) => Promise<ContractHarness>,
  features: ContractFeatures = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: ContractHarness;
    let store: EventStore;
    let clock: TestClock;

    /** Where each position falls in the log, 1 for its first event (-1: not in it); in a dense log, the positions. */
    const rank = async (positions: number[]): Promise<number[]> => {
      if (features.positions !== 'sparse') return positions;
      const ranks = new Map<number, number>();
      for (let after = LOG_START; ;) {
        const page = await store.readAll({ after, limit: 1000 });
        for (const event of page.events) ranks.set(event.globalPosition, ranks.size + 1);
        if (page.isEnd) break;
        after = page.checkpoint;
      }
      return positions.map((position) => ranks.get(position) ?? -1);
    };
    /**
     * An event or an append's result as a store with sparse positions keeps it from another store: with
     * its positions given by rank (a copy keeps everything but the positions, which are the target's own).
     */
    const ranked = async <T extends { globalPosition?: number; positions?: number[] } | null>(value: T): Promise<T> => {
      if (features.positions !== 'sparse' || value === null) return value;
      if (value.positions) return { ...value, positions: await rank(value.positions) };
      return { ...value, globalPosition: (await rank([value.globalPosition!]))[0] };
    };
    const rankedAll = <T extends { globalPosition?: number; positions?: number[] } | null>(values: T[]) =>
      Promise.all(values.map(ranked));
    /** The head's rank: how many events the log holds. */
    const headRank = async (): Promise<number> => {
      const head = await store.headPosition();
      return head === 0 ? 0 : (await rank([head]))[0];
    };

    beforeEach(async () => {
      clock = new TestClock();
      harness = await makeHarness(clock);
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it('returns a stream in version order with the whole envelope, chained from the genesis hash', async () => {
      await store.append('dossier-a', [ev('A1', { n: 1 }), ev('A2', { n: 2 })], {
        expectedVersion: 'no-stream',
        commandId: 'cmd-1',
      });
      await store.append('dossier-b', [ev('B1')], { expectedVersion: 'no-stream' });
      await store.append(
        'dossier-a',
        [
          {
            ...ev('A3'),
            metadata: {
              occurredOn: '2024-03-07',
              ruleSet: 'qd24-2021',
              actor: { sub: 'u1', role: 'office', unitIds: ['x'] },
            },
          },
        ],
        { expectedVersion: 2 },
      );

      const a = await store.readStream('dossier-a');
      const ranks = await rank(a.map((e) => e.globalPosition));
      expect(a.map((e, i) => [e.type, e.streamVersion, ranks[i]])).toEqual([
        ['A1', 1, 1],
        ['A2', 2, 2],
        ['A3', 3, 4],
      ]);
      expect(a[0].prevHash).toBe(GENESIS_HASH);
      expect(a[1].prevHash).toBe(a[0].hash);
      expect(a[2].prevHash).toBe(a[1].hash);
      expect(a[0].metadata).toEqual({ recordedAt: clock.now().toISOString(), commandId: 'cmd-1' });
      expect(a[2].metadata).toMatchObject({
        occurredOn: '2024-03-07',
        ruleSet: 'qd24-2021',
        actor: { sub: 'u1', role: 'office', unitIds: ['x'] },
      });
      expect(a[0]).toEqual(
        expect.objectContaining({
          streamId: 'dossier-a',
          schemaVersion: 1,
          data: { n: 1 },
          eventId: expect.any(String),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      );
      expect(await store.streamVersion('dossier-a')).toBe(3);
      expect(await store.streamVersion('dossier-none')).toBeNull();
      expect(await store.readStream('dossier-none')).toEqual([]);
      expect(await headRank()).toBe(4);
    });

    it('reads a slice of a stream by version and by recorded instant', async () => {
      await store.append('s', many(3), { expectedVersion: 'no-stream' });
      const cut = clock.now();
      clock.advance(60_000);
      await store.append('s', many(2), { expectedVersion: 3 });
      expect((await store.readStream('s', { fromVersion: 2, toVersion: 4 })).map((e) => e.streamVersion)).toEqual([
        2, 3, 4,
      ]);
      expect((await store.readStream('s', { recordedUpTo: cut })).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect((await store.readStream('s', { recordedUpTo: cut.toISOString() })).length).toBe(3);
    });

    it('rejects a stale expected version, names the actual version, and appends nothing', async () => {
      await store.append('s', many(2), { expectedVersion: 'no-stream' });
      await expect(store.append('s', many(1), { expectedVersion: 'no-stream' })).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 2,
        message: expect.stringContaining('at version 2'),
      });
      await expect(store.append('s', many(1), { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.append('new', many(1), { expectedVersion: 3 })).rejects.toMatchObject({ actual: null });
      expect(await headRank()).toBe(2);
      const ok = await store.append('s', many(1), { expectedVersion: 2 });
      expect(ok).toMatchObject({ nextExpectedVersion: 3, duplicate: false });
      expect(await rank(ok.positions)).toEqual([3]);
      expect(ok.recordedAt).toBe((await store.readStream('s', { fromVersion: 3 }))[0].metadata.recordedAt);
      await store.append('s', many(1), { expectedVersion: 'any' });
      await store.append('other', many(1), { expectedVersion: 'any' });
      await store.append('zero', many(1), { expectedVersion: 0 });
      expect(await store.streamVersion('s')).toBe(4);
    });

    it('lets exactly one of 20 concurrent appenders with the same expected version win, with nothing partial', async () => {
      await store.append('race', many(1), { expectedVersion: 'no-stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          store.append('race', [ev('X', { i }), ev('Y', { i }), ev('Z', { i })], { expectedVersion: 1 }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const r of lost) expect(r.reason).toBeInstanceOf(ConcurrencyError);
      const events = await store.readStream('race');
      expect(events.map((e) => e.type)).toEqual(['Counted', 'X', 'Y', 'Z']);
      expect(new Set(events.slice(1).map((e) => (e.data as { i: number }).i)).size).toBe(1);
      expect(await headRank()).toBe(4);
    });

    it('gives each event of a page its checkpoint, which resumes right after it and orders it in the log', async () => {
      for (let i = 0; i < 20; i += 1) await store.append(`c-${i % 3}`, many((i % 3) + 1), { expectedVersion: 'any' });
      const walked: Array<{ checkpoint: string; eventId: string }> = [];
      for (let after = LOG_START; ;) {
        const page = await store.readAll({ after, limit: 6 });
        expect(page.checkpoints).toHaveLength(page.events.length);
        if (page.events.length > 0) expect(page.checkpoints.at(-1)).toBe(page.checkpoint);
        page.events.forEach((e, i) => walked.push({ checkpoint: page.checkpoints[i], eventId: e.eventId }));
        if (page.isEnd) break;
        after = page.checkpoint;
      }
      expect(walked).toHaveLength(await headRank());
      for (const [i, { checkpoint }] of walked.entries()) {
        const next = await store.readAll({ after: checkpoint, limit: 1 });
        expect(next.events.map((e) => e.eventId)).toEqual(walked.slice(i + 1, i + 2).map((w) => w.eventId));
        expect(store.compareCheckpoints(checkpoint, checkpoint)).toBe(0);
        expect(store.compareCheckpoints(LOG_START, checkpoint)).toBeLessThan(0);
        expect(store.compareCheckpoints(checkpoint, LOG_START)).toBeGreaterThan(0);
        if (i === 0) continue;
        expect(store.compareCheckpoints(walked[i - 1].checkpoint, checkpoint)).toBeLessThan(0);
        expect(store.compareCheckpoints(checkpoint, walked[i - 1].checkpoint)).toBeGreaterThan(0);
      }
      expect(store.compareCheckpoints(LOG_START, LOG_START)).toBe(0);
      expect(() => store.compareCheckpoints('not a checkpoint', LOG_START)).toThrow(RangeError);
    });

    it('pages through the global log without gaps or duplicates', async () => {
      for (let i = 0; i < 60; i += 1) {
        await store.append(`p-${i % 3}`, many((i % 4) + 1), { expectedVersion: 'any' });
      }
      const head = await headRank();
      const seen: number[] = [];
      let checkpoint = LOG_START;
      let pages = 0;
      for (;;) {
        const page = await store.readAll({ after: checkpoint, limit: 7 });
        pages += 1;
        seen.push(...page.events.map((e) => e.globalPosition));
        checkpoint = page.checkpoint;
        if (page.isEnd) break;
        expect(page.events).toHaveLength(7);
      }
      expect(await rank(seen)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      expect(pages).toBe(Math.ceil(head / 7) + (head % 7 === 0 ? 1 : 0));
      const tail = await store.readAll({ after: checkpoint, limit: 7 });
      expect(tail).toEqual({ events: [], checkpoint, checkpoints: [], isEnd: true });
      await store.append('p-0', many(1), { expectedVersion: 'any' });
      expect(await rank((await store.readAll({ after: checkpoint })).events.map((e) => e.globalPosition))).toEqual([
        head + 1,
      ]);
    });

    it('appends a command once: a repeated command id returns the first result', async () => {
      const first = await store.append('idem', many(2), { expectedVersion: 'no-stream', commandId: 'key-1' });
      const again = await store.append('idem', many(2), { expectedVersion: 'no-stream', commandId: 'key-1' });
      expect(again).toEqual({ ...first, duplicate: true });
      const elsewhere = await store.append('idem-2', many(1), { expectedVersion: 'any', commandId: 'key-1' });
      expect(elsewhere).toEqual({ ...first, duplicate: true });
      expect(await headRank()).toBe(2);
      expect(await store.streamVersion('idem-2')).toBeNull();
      expect(await store.commandResult('key-1')).toEqual({ ...first, duplicate: true });
      expect(await store.commandResult('key-2')).toBeNull();
    });

    it('round-trips Vietnamese text byte for byte, composed and decomposed', async () => {
      const composed = 'Nguyễn Thị Hồng Nhung, Đảng ủy xã Đồng Tiến, huyện Hữu Lũng — “Lễ kết nạp” ✓';
      const decomposed = composed.normalize('NFD');
      await store.append('vi', [ev('Named', { composed, decomposed, nested: { khóa: ['Tày', 'Nùng', 'Kinh'] } })], {
        expectedVersion: 'no-stream',
      });
      const [read] = await store.readStream('vi');
      const data = read.data as { composed: string; decomposed: string; nested: Record<string, string[]> };
      expect(Buffer.from(data.composed, 'utf8').equals(Buffer.from(composed, 'utf8'))).toBe(true);
      expect(Buffer.from(data.decomposed, 'utf8').equals(Buffer.from(decomposed, 'utf8'))).toBe(true);
      expect(data.decomposed).not.toBe(data.composed);
      expect(data.nested['khóa']).toEqual(['Tày', 'Nùng', 'Kinh']);
      const [logged] = (await store.readAll()).events;
      expect(logged.data).toEqual(read.data);
    });

    const tamperTest = features.noTamper === undefined ? it : it.skip;
    const noTamper = features.noTamper === undefined ? '' : ` [skipped: ${features.noTamper}]`;
    tamperTest(`catches a changed byte in a stored event, naming the stream and version${noTamper}`, async () => {
      await store.append('chain-a', many(3), { expectedVersion: 'no-stream' });
      await store.append('chain-b', many(4), { expectedVersion: 'no-stream' });
      expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 7 });
      expect(await store.verify('chain-b')).toEqual({ ok: true, streams: 1, events: 4 });
      await harness.tamper!('chain-b', 3);
      const whole = await store.verify();
      expect(whole).toMatchObject({ ok: false, firstBroken: { streamId: 'chain-b', streamVersion: 3 } });
      expect(await store.verify('chain-b')).toMatchObject({
        ok: false,
        firstBroken: { streamId: 'chain-b', streamVersion: 3 },
      });
      expect((await store.verify('chain-a')).ok).toBe(true);
    });

    it('rejects an append that can never succeed and stores nothing', async () => {
      await expect(store.append('empty', [], { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.append('bad id with spaces', many(1), { expectedVersion: 'any' })).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      await expect(store.append('', many(1), { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await headRank()).toBe(0);
    });

    it('imports a log another store sealed with every field kept, its chain whole, in batches', async () => {
      const { source, events } = await sealedElsewhere();
      // The second batch begins inside a command's events: its idempotency record is continued.
      await store.importEvents(events.slice(0, 2));
      await store.importEvents(events.slice(2));
      expect(await rankedAll((await store.readAll({ limit: 100 })).events)).toEqual(events);
      expect(await rankedAll(await store.readStream('dossier-a'))).toEqual(await source.readStream('dossier-a'));
      expect(await headRank()).toBe(6);
      expect(await store.streamVersion('dossier-b')).toBe(4);
      expect(await store.verify()).toEqual({ ok: true, streams: 2, events: 6 });
      const next = await store.append('dossier-b', many(1), { expectedVersion: 4 });
      expect(await rank(next.positions)).toEqual([7]);
      expect((await store.readStream('dossier-b', { fromVersion: 5 }))[0].prevHash).toBe(events[5].hash);
      expect((await store.verify()).ok).toBe(true);
    });

    it('answers a resend of a copied command as a duplicate of its first append', async () => {
      const { source, events } = await sealedElsewhere();
      await store.importEvents(events.slice(0, 2));
      await store.importEvents(events.slice(2));
      const first = await source.commandResult('cmd-b');
      expect(first).toMatchObject({ streamId: 'dossier-b', nextExpectedVersion: 3, positions: [2, 3, 4] });
      expect(await ranked(await store.commandResult('cmd-b'))).toEqual(first);
      const again = await store.append('dossier-b', many(3, 'B'), { expectedVersion: 'no-stream', commandId: 'cmd-b' });
      expect(await ranked(again)).toEqual(first);
      expect(
        await ranked(await store.append('dossier-a', many(1), { expectedVersion: 1, commandId: 'cmd-a2' })),
      ).toEqual(await source.commandResult('cmd-a2'));
      expect(await headRank()).toBe(6);
    });

    it('refuses an import that does not continue the log or a stream, and stores nothing of it', async () => {
      const { events } = await sealedElsewhere();
      // A store with sparse positions gives the copy its own: the source's positions cannot be checked against its head.
      if (features.positions !== 'sparse')
        await expect(store.importEvents(events.slice(1, 3))).rejects.toBeInstanceOf(InvalidAppendError);
      const outOfOrder = events.slice(0, 3).map((e) => structuredClone(e));
      outOfOrder[2].streamVersion = 3;
      await expect(store.importEvents(outOfOrder)).rejects.toThrow(/version 3.*at version 1/);
      const unchained = events.slice(0, 3).map((e) => structuredClone(e));
      unchained[2].prevHash = GENESIS_HASH;
      await expect(store.importEvents(unchained)).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.headPosition()).toBe(0);
      expect(await store.readStream('dossier-a')).toEqual([]);
      expect(await store.commandResult('cmd-b')).toBeNull();

      await store.importEvents(events.slice(0, 2));
      if (features.positions !== 'sparse')
        await expect(store.importEvents([events[2], events[4]])).rejects.toThrow(/position 5.*next position is 4/);
      await expect(store.importEvents(events.slice(0, 2))).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await headRank()).toBe(2);
      expect(await store.streamVersion('dossier-b')).toBe(1);
      expect(await ranked(await store.commandResult('cmd-b'))).toMatchObject({ positions: [2] });
      await store.importEvents(events.slice(2));
      expect(await rankedAll((await store.readAll({ limit: 100 })).events)).toEqual(events);
    });

    it('delivers every event to a subscriber in order, and resumes from its checkpoint', async () => {
      await store.append('sub', many(5), { expectedVersion: 'no-stream' });
      const seen: EventEnvelope[] = [];
      const first = store.subscribe({
        batchSize: 2,
        pollIntervalMs: 10,
        handler: async (page) => void seen.push(...page.events),
      });
      await first.caughtUp();
      await first.stop();
      expect(await rank(seen.map((e) => e.globalPosition))).toEqual([1, 2, 3, 4, 5]);
      await store.append('sub', many(3), { expectedVersion: 5 });
      let failures = 0;
      const second = store.subscribe({
        after: first.checkpoint,
        pollIntervalMs: 5,
        handler: async (page) => {
          if (failures < 2) {
            failures += 1;
            throw new Error('transient');
          }
          seen.push(...page.events);
        },
      });
      await second.caughtUp();
      await second.stop();
      expect(failures).toBe(2);
      expect(await rank(seen.map((e) => e.globalPosition))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });
  });
}
