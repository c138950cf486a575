import { Redis } from 'ioredis';
import { describeWithService } from '../../../../test/support/services';
import { deleteKeysWithPrefix } from '../testing/redis-keys';
import { timerSchedulerContract, type ContractSettings } from '../testing/timer-scheduler.contract';
import { Deliveries, eventually } from '../testing/timer-testing';
import { BullmqTimerScheduler } from './bullmq.timer-scheduler';

let runs = 0;
/** A prefix and queue of its own for each test, so concurrent runs on the shared Redis never meet. */
const isolated = () => {
  runs += 1;
  return { prefix: `ketnap-test-${process.pid}-${runs}`, queueName: `deadlines-${runs}` };
};

describeWithService('redis', 'BullMQ timer scheduler', (url) => {
  let redis: Redis;
  beforeAll(() => (redis = new Redis(url)));
  afterAll(async () => {
    await redis.quit();
  });

  timerSchedulerContract('bullmq', async (settings) => {
    const { prefix, queueName } = isolated();
    const scheduler = new BullmqTimerScheduler({ connection: url, prefix, queueName, ...settings });
    return {
      scheduler,
      cleanup: async () => {
        await scheduler.close();
        await deleteKeysWithPrefix(redis, prefix);
      },
    };
  });

  describe('beyond the contract', () => {
    let scheduler: BullmqTimerScheduler;
    let names: { prefix: string; queueName: string };
    const errors: unknown[] = [];
    const settings = (): ContractSettings => ({
      clock: () => new Date(),
      maxAttempts: 3,
      backoffMs: 20,
      onFailure: (f) => void errors.push(f.error),
      onError: (e) => void errors.push(e),
    });

    beforeEach(() => {
      names = isolated();
      scheduler = new BullmqTimerScheduler({ connection: url, ...names, ...settings() });
    });
    afterEach(async () => {
      await scheduler.close();
      await deleteKeysWithPrefix(redis, names.prefix);
      expect(errors).toEqual([]);
    });

    it('after Redis lost its data, fires nothing that was lost and every timer armed again', async () => {
      const deliveries = new Deliveries();
      await scheduler.start(deliveries.handler());
      const ids = Array.from({ length: 20 }, (_, i) => `dossier-${i}_admission-ceremony_2024-07-16`);
      // Due far enough ahead that a busy machine arms all twenty before the first falls due.
      const lost = new Date(Date.now() + 1000);
      for (const id of ids) await scheduler.arm({ id, dueAt: lost, payload: { id } });
      expect(await deleteKeysWithPrefix(redis, names.prefix)).toBeGreaterThan(20);
      expect(await scheduler.armed()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, lost.getTime() - Date.now() + 300));
      expect(deliveries.seen).toEqual([]);

      const again = new Date(Date.now() + 1000);
      for (const id of ids) await scheduler.arm({ id, dueAt: again, payload: { id, again: true } });
      expect(await scheduler.armed()).toBe(20);
      await eventually(() => deliveries.seen.length === 20, 'the re-armed timers');
      expect(new Set(deliveries.seen.map((d) => d.id))).toEqual(new Set(ids));
      expect(deliveries.seen.every((d) => d.payload.again === true)).toBe(true);
    });

    it('keeps a final failure in the failed set under the timer id', async () => {
      await scheduler.start(async () => {
        throw new Error('handler down');
      });
      errors.length = 0;
      await scheduler.arm({ id: 'dossier-1_recognition-review_2025-05-02', dueAt: new Date(), payload: {} });
      await eventually(() => errors.length === 3, 'three rejected deliveries');
      errors.length = 0;
      expect(await redis.zrange(`${names.prefix}:${names.queueName}:failed`, '0', '-1')).toEqual([
        'dossier-1_recognition-review_2025-05-02',
      ]);
    });

    it('hands a re-arm made in another process to the worker delivering that timer', async () => {
      const deliveries = new Deliveries();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await scheduler.start(deliveries.handler(({ payload }) => (payload.v === 1 ? held : undefined)));
      await scheduler.arm({ id: 'shared', dueAt: new Date(), payload: { v: 1 } });
      await eventually(() => deliveries.seen.length === 1, 'the first delivery');
      const other = new BullmqTimerScheduler({ connection: url, ...names, ...settings() });
      try {
        await other.arm({ id: 'shared', dueAt: new Date(Date.now() + 100), payload: { v: 2 } });
        await other.cancel('elsewhere');
        expect(await scheduler.get('shared')).toMatchObject({ payload: { v: 2 }, state: 'armed' });
      } finally {
        await other.close();
      }
      release();
      await eventually(() => deliveries.seen.length === 2, 'the re-armed delivery');
      expect(deliveries.seen[1].payload).toEqual({ v: 2 });
      expect(await redis.hlen(`${names.prefix}:${names.queueName}:ketnap:pending`)).toBe(0);
    });
  });
});
