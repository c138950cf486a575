import { forEachSqlDialect, type TestSql } from '../../../../test/support/sql-dialects';
import { SagaStore } from '../deadlines/saga-store';
import { Lease, type LeaseOptions } from './lease';

forEachSqlDialect('a worker lease on the shared state database', (open) => {
  let db: TestSql;
  let now: number;
  const lease = (owner: string, options: Partial<LeaseOptions> = {}) =>
    Lease.open(db.sql, { name: 'deadline-saga', owner, ttlMs: 1000, now: () => now, ...options });

  beforeEach(async () => {
    db = await open();
    now = 1_000_000;
  });
  afterEach(() => db.drop());

  it('is held by one owner at a time; the holder renews it, and releasing it lets the other take it', async () => {
    const [a, b] = [await lease('a'), await lease('b')];
    expect(await a.take()).toBe(true);
    expect(await b.take()).toBe(false);
    expect(await a.take()).toBe(true);
    now += 900;
    expect(await a.renew()).toBe(true);
    now += 900;
    expect(await b.take()).toBe(false);
    expect(await a.holder()).toEqual({ owner: 'a', token: 1, expiresAt: now + 100 });
    await a.release();
    expect(a.holds()).toBe(false);
    expect(await b.take()).toBe(true);
    expect(b.heldToken).toBe(2);
    expect(await a.renew()).toBe(false);
  });

  it('is taken over once expired, with a higher token, and the old holder learns it has lost it', async () => {
    const [a, b] = [await lease('a'), await lease('b')];
    expect(await a.take()).toBe(true);
    expect(a.heldToken).toBe(1);
    now += 999;
    expect(await b.take()).toBe(false);
    now += 1;
    expect(a.holds()).toBe(false);
    expect(await b.take()).toBe(true);
    expect(b.heldToken).toBe(2);
    expect(await b.holder()).toEqual({ owner: 'b', token: 2, expiresAt: now + 1000 });
    expect(await a.renew()).toBe(false);
    expect(a.heldToken).toBeUndefined();
    now += 2000;
    expect(await a.take()).toBe(true);
    expect(a.heldToken).toBe(3);
  });

  it('refuses the stale holder`s fenced checkpoint and leaves the new holder`s as it was', async () => {
    const store = await SagaStore.open(db.sql);
    const [a, b] = [await lease('a'), await lease('b')];
    await a.take();
    expect(await store.saveCheckpoint('deadline-saga', { checkpoint: '10', position: 10 }, a)).toBe(true);
    now += 5000;
    await b.take();
    expect(await store.saveCheckpoint('deadline-saga', { checkpoint: '12', position: 12 }, b)).toBe(true);
    expect(await store.saveCheckpoint('deadline-saga', { checkpoint: '20', position: 20 }, a)).toBe(false);
    expect(await store.checkpoint('deadline-saga')).toEqual({ checkpoint: '12', position: 12 });
    expect(await b.holder()).toMatchObject({ owner: 'b', token: 2 });
  });

  it('takes at once the lease of an owner known to be dead', async () => {
    const a = await lease('a');
    const b = await lease('b', { abandoned: (owner) => owner === 'a' });
    await a.take();
    expect(await b.take()).toBe(true);
    expect(b.heldToken).toBe(2);
  });

  it('of two owners taking a free lease at once, gives it to one', async () => {
    const owners = await Promise.all(['a', 'b', 'c', 'd'].map((o) => lease(o)));
    const taken = await Promise.all(owners.map((o) => o.take()));
    expect(taken.filter(Boolean)).toHaveLength(1);
  });

  it('runs exclusive work in one owner at a time, and in the other once it is released', async () => {
    const [a, b] = [await lease('a'), await lease('b')];
    let inside = '';
    const inA = a.exclusive(async () => {
      inside = await b.exclusive(async () => 'b ran inside a', 'b skipped');
      return 'a ran';
    }, 'a skipped');
    expect(await inA).toBe('a ran');
    expect(inside).toBe('b skipped');
    expect(await b.exclusive(async () => 'b ran', 'b skipped')).toBe('b ran');
  });
});

forEachSqlDialect('the deadline saga store', (open) => {
  let db: TestSql;
  beforeEach(async () => void (db = await open()));
  afterEach(() => db.drop());

  it('keeps the checkpoint and the armed timers, migrated once however often it is opened', async () => {
    const store = await SagaStore.open(db.sql);
    expect(await store.checkpoint('deadline-saga')).toEqual({ checkpoint: 'start', position: 0 });
    expect(await store.saveCheckpoint('deadline-saga', { checkpoint: '3', position: 3 })).toBe(true);
    expect(await store.saveCheckpoint('deadline-saga', { checkpoint: '7', position: 7 })).toBe(true);
    await store.setTimer('d1', 'admission-decision', 'd1_admission-decision_2024-06-04');
    await store.setTimer('d1', 'admission-decision', 'd1_admission-decision_2024-07-16');
    await store.setTimer('d1', 'admission-ceremony', 'd1_admission-ceremony_2024-08-01');
    await store.setTimer('d2', 'admission-decision', 'd2_admission-decision_2024-06-04');
    await store.setTimer('d2', 'admission-decision', undefined);
    const again = await SagaStore.open(db.sql);
    expect(await again.checkpoint('deadline-saga')).toEqual({ checkpoint: '7', position: 7 });
    expect(await again.timersOf('d1')).toEqual(
      new Map([
        ['admission-decision', 'd1_admission-decision_2024-07-16'],
        ['admission-ceremony', 'd1_admission-ceremony_2024-08-01'],
      ]),
    );
    expect(await again.timersOf('d2')).toEqual(new Map());
  });
});
