import Database from 'better-sqlite3';
import { join } from 'node:path';
import { legalDateOf } from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import { type DeadlineHarness, dossierIdOf, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { countByKey, forEachScheduler, obligationKeys, sagaSuite, wholeLog } from './support/saga-support';
import { dropRedisPrefix } from './support/services';

const COUNT = 1000;
const ids = Array.from({ length: COUNT }, (_, i) => dossierIdOf(i, 9));

forEachScheduler('1,000 armed deadlines survive losing every timer', (setup) => {
  let h: DeadlineHarness | undefined;
  const suite = sagaSuite(setup);

  it('re-arms every timer after a restart and escalates every due one exactly once', async () => {
    h = await suite.start('2024-03-25T02:00:00Z');
    for (const [i, id] of ids.entries())
      await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution', -(i % 60)), h.clock.now());
    await h.settle();
    expect(await h.scheduler.armed()).toBe(COUNT);
    await h.close();
    h = undefined;

    if (setup.redisUrl) expect(await dropRedisPrefix(setup.redisUrl, suite.prefix)).toBeGreaterThan(0);
    else {
      const db = new Database(join(suite.dir, 'timers.db'));
      expect(db.prepare('DELETE FROM timers').run().changes).toBe(COUNT);
      db.close();
    }

    h = await suite.start('2024-05-02T02:00:00Z');
    await h.sweep.run('missing');
    await h.settle();
    const { late, open } = await obligationKeys(h.store, ids, legalDateOf(h.clock.now()));
    expect(late.size).toBeGreaterThan(100);
    expect(open.size).toBeGreaterThan(100);
    expect(late.size + open.size).toBe(COUNT);
    const log = await wholeLog(h.store);
    expect(countByKey(log, 'DeadlineBreached')).toEqual(new Map([...late].map((k) => [k, 1])));
    expect(countByKey(log, 'InspectionCaseOpened')).toEqual(new Map([...late].map((k) => [k, 1])));
    expect(await h.scheduler.armed()).toBe(open.size);
    for (const key of open) expect(await h.scheduler.get(key)).toMatchObject({ state: 'armed' });

    await h.jump.set(new Date('2024-07-01T02:00:00Z'));
    await h.sweep.run('all');
    await h.settle();
    const all = await wholeLog(h.store);
    const everyOne = new Map([...late, ...open].map((k) => [k, 1]));
    expect(countByKey(all, 'DeadlineBreached')).toEqual(everyOne);
    expect(countByKey(all, 'InspectionCaseOpened')).toEqual(everyOne);
    expect(await h.scheduler.armed()).toBe(0);
  }, 240_000);
});
