import { ACCESS_LOG_STREAM, decodeEvent } from '@ketnap/domain';
import { MemoryEventStore } from '@ketnap/event-store';
import { ManualClock } from '../clock/clock';
import { ACCESS_LOG_ACTOR, ACCESS_LOG_BATCH, PersonalDataReads } from './personal-data-reads';

const DOSSIER = '61e43c88-da60-492c-b551-3414f88bacb8';
const OTHER = '0b7f8f5e-3c44-4c1a-9d7e-2f1d7e0c9a11';
const secretary = { sub: 'bi-thu-thon-mot', role: 'secretary', unitIds: ['thon-mot'] };

const logged = async (store: MemoryEventStore) =>
  (await store.readStream(ACCESS_LOG_STREAM)).map(decodeEvent).flatMap((e) => {
    if (e.type !== 'PersonalDataRead') throw new Error(`unexpected ${e.type}`);
    return e.data.reads;
  });

describe('PersonalDataReads', () => {
  const clock = new ManualClock(new Date('2024-06-10T01:00:00Z'));
  let store: MemoryEventStore;
  let reads: PersonalDataReads;
  beforeEach(() => {
    store = new MemoryEventStore();
    reads = new PersonalDataReads(store, clock);
  });
  afterEach(() => reads.onModuleDestroy());

  it('keeps a read in memory, then appends the reads of a flush as one event of the engine, reader and dossier ids only', async () => {
    reads.record(secretary, 'dossier', DOSSIER);
    reads.record(secretary, 'list', [DOSSIER, OTHER]);
    expect(await store.headPosition()).toBe(0);
    expect(await reads.flush()).toBe(1);
    const [event] = await store.readStream(ACCESS_LOG_STREAM);
    expect(event).toMatchObject({ type: 'PersonalDataRead', schemaVersion: 1, metadata: { actor: ACCESS_LOG_ACTOR } });
    const read = { username: 'bi-thu-thon-mot', role: 'secretary', at: '2024-06-10T01:00:00.000Z' };
    expect(await logged(store)).toEqual([
      { ...read, dossierId: DOSSIER, what: 'dossier' },
      { ...read, dossierId: DOSSIER, what: 'list' },
      { ...read, dossierId: OTHER, what: 'list' },
    ]);
    expect(await reads.flush()).toBe(1);
    expect(await store.headPosition()).toBe(1);
  });

  it('appends on its own within a second, and at once at 200 reads, at most 200 to an event', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      reads.record(secretary, 'history', DOSSIER);
      await jest.advanceTimersByTimeAsync(999);
      expect(await store.headPosition()).toBe(0);
      await jest.advanceTimersByTimeAsync(1);
      await reads.flush();
      expect(await logged(store)).toHaveLength(1);
      reads.record(
        secretary,
        'list',
        Array.from({ length: ACCESS_LOG_BATCH + 1 }, () => OTHER),
      );
      await jest.advanceTimersByTimeAsync(0);
      expect(reads.pendingCount()).toBe(0);
      const sizes = (await store.readStream(ACCESS_LOG_STREAM)).map(decodeEvent).map((e) => {
        if (e.type !== 'PersonalDataRead') throw new Error(`unexpected ${e.type}`);
        return e.data.reads.length;
      });
      expect(sizes).toEqual([1, ACCESS_LOG_BATCH, 1]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the reads of a failed append and appends them once the store answers again, once', async () => {
    const append = store.append.bind(store);
    jest
      .spyOn(store, 'append')
      .mockRejectedValueOnce(new Error('database is locked'))
      .mockImplementationOnce(async (...args) => {
        await append(...args);
        throw new Error('connection lost after the commit');
      });
    reads.record(secretary, 'dossier', DOSSIER);
    await expect(reads.flush()).rejects.toThrow('database is locked');
    expect(reads.pendingCount()).toBe(1);
    await expect(reads.flush()).rejects.toThrow('connection lost');
    reads.record(secretary, 'history', DOSSIER);
    await reads.flush();
    expect((await logged(store)).map((r) => r.what)).toEqual(['dossier', 'history']);
    expect(reads.pendingCount()).toBe(0);
  });

  it('tries a failed append again a second later, with nothing read meanwhile', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('database is locked'));
      reads.record(secretary, 'dossier', DOSSIER);
      await expect(reads.flush()).rejects.toThrow('database is locked');
      await jest.advanceTimersByTimeAsync(1000);
      expect(reads.pendingCount()).toBe(0);
      expect(await logged(store)).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('appends what it holds when the app stops', async () => {
    reads.record(secretary, 'dossier', DOSSIER);
    await reads.onModuleDestroy();
    expect(await logged(store)).toHaveLength(1);
  });

  it('appends nothing when nothing was read', async () => {
    reads.record(secretary, 'list', []);
    expect(await reads.flush()).toBe(0);
    expect(await store.headPosition()).toBe(0);
  });
});
