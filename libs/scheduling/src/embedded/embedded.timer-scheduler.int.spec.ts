import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timerSchedulerContract } from '../testing/timer-scheduler.contract';
import { Deliveries, eventually, sleep } from '../testing/timer-testing';
import { EmbeddedTimerScheduler } from './embedded.timer-scheduler';

timerSchedulerContract('embedded', async (settings) => {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-timers-'));
  const scheduler = new EmbeddedTimerScheduler({ path: join(dir, 'ketnap.db'), pollIntervalMs: 10, ...settings });
  return {
    scheduler,
    cleanup: async () => {
      await scheduler.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('EmbeddedTimerScheduler poller', () => {
  it('fires a timer armed due before the sleeping poller would look next at its time, not at the next look', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketnap-timers-'));
    const scheduler = new EmbeddedTimerScheduler({ path: join(dir, 'ketnap.db'), pollIntervalMs: 60_000 });
    try {
      const deliveries = new Deliveries();
      await scheduler.start(deliveries.handler());
      await sleep(50);
      const dueAt = new Date(Date.now() + 200);
      await scheduler.arm({ id: 'dossier-1_admission-decision_2024-06-04', dueAt, payload: {} });
      await eventually(() => deliveries.seen.length === 1, 'the delivery, well before the next look in a minute');
      expect(deliveries.seen[0].at).toBeGreaterThanOrEqual(dueAt.getTime());
    } finally {
      await scheduler.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('removes the timers delivered in one turn in one transaction, not one write each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketnap-timers-'));
    const scheduler = new EmbeddedTimerScheduler({ path: join(dir, 'ketnap.db'), pollIntervalMs: 10, concurrency: 50 });
    try {
      const dueAt = new Date(Date.now() - 1000);
      for (let i = 0; i < 200; i += 1) await scheduler.arm({ id: `burst-${i}`, dueAt, payload: {} });
      // An empty write-ahead log, then count the pages the burst's deliveries write to it.
      scheduler.db.pragma('wal_checkpoint(TRUNCATE)');
      const deliveries = new Deliveries();
      await scheduler.start(deliveries.handler());
      await eventually(async () => deliveries.seen.length === 200 && (await scheduler.armed()) === 0, 'the burst');
      const [{ log }] = scheduler.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
      // Four claims of 50 and four removals of 50 write a few pages each; a removal per timer wrote 200+.
      expect(log).toBeLessThan(100);
    } finally {
      await scheduler.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
