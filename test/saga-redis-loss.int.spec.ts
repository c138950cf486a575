import { legalDateOf } from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import {
  type DeadlineHarness,
  dossierIdOf,
  startDeadlineHarness,
  stepsThrough,
  writeDossier,
} from '@ketnap/engine/testing';
import { countByKey, obligationKeys, removeDir, tempDir, wholeLog } from './support/saga-support';
import { describeWithService, dropRedisPrefix } from './support/services';
import { until } from './support/workers';

/**
 * Redis losing its data under a running app (a restart without persistence, a FLUSHALL; on a shared
 * server, this suite's keys deleted): the app notices at its next sweep that the scheduler holds fewer
 * timers than the deadlines board has open obligations, and arms them all again, each as it was. When
 * they fall due they fire, and each deadline is breached, and its inspection case opened, exactly once.
 */

const COUNT = 60;
const ids = Array.from({ length: COUNT }, (_, n) => dossierIdOf(n + 1, 20));

describeWithService('redis', 'armed deadlines on BullMQ', (redisUrl) => {
  describe('when Redis loses its keys under the running app', () => {
    const prefix = `ketnap-redis-loss-${process.pid}`;
    const dir = tempDir();
    let h: DeadlineHarness | undefined;

    afterAll(async () => {
      await h?.close();
      await dropRedisPrefix(redisUrl, prefix);
      removeDir(dir);
    });

    it('arms every timer again at the next sweep; each deadline then fires and is breached once', async () => {
      h = await startDeadlineHarness({
        dataDir: dir,
        startAt: '2024-05-02T02:00:00Z',
        redisUrl,
        redisPrefix: prefix,
        env: { KETNAP_SWEEP_INTERVAL_SECONDS: '1' },
      });
      const { scheduler, clock } = h;
      // Decisions due on different days (2024-06-04 and later), all still open.
      for (const [i, id] of ids.entries())
        await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution', -(i % 10)), clock.now());
      await h.settle();
      const { open } = await obligationKeys(h.store, ids, legalDateOf(clock.now()));
      expect(open.size).toBe(COUNT);
      const before = new Map<string, unknown>();
      for (const key of open) before.set(key, await scheduler.get(key));
      expect([...before.values()].every((t) => (t as { state?: string } | null)?.state === 'armed')).toBe(true);

      expect(await dropRedisPrefix(redisUrl, prefix)).toBeGreaterThan(COUNT);
      expect(await scheduler.armed()).toBe(0);
      const lostAt = Date.now();
      await until(
        'every timer armed again',
        async () => ((await scheduler.armed()) === COUNT ? true : undefined),
        30_000,
      );
      const rearmedAfter = Date.now() - lostAt;
      for (const [key, timer] of before) expect(await scheduler.get(key)).toEqual(timer);

      // Past every due date: the timers fire (promoted by the manual clock) and the saga breaches each once.
      clock.set(new Date('2024-07-01T02:00:00Z'));
      expect(await scheduler.pollNow()).toBe(COUNT);
      await h.settle();
      await h.sweep.run('all');
      await h.settle();
      const log = await wholeLog(h.store);
      const once = new Map([...open].map((key) => [key, 1]));
      expect(countByKey(log, 'DeadlineBreached')).toEqual(once);
      expect(countByKey(log, 'InspectionCaseOpened')).toEqual(once);
      expect(await scheduler.armed()).toBe(0);
      process.stdout.write(
        `redis loss: ${COUNT} timers armed again ${rearmedAfter} ms after their keys were deleted\n`,
      );
    }, 120_000);
  });
});
