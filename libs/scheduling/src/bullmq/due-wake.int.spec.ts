import { Redis } from 'ioredis';
import { describeWithService } from '../../../../test/support/services';
import { deleteKeysWithPrefix } from '../testing/redis-keys';
import { eventually, sleep } from '../testing/timer-testing';
import { DueWake } from './due-wake';

describeWithService('redis', 'DueWake', (url) => {
  const prefix = `ketnap-test-wake-${process.pid}`;
  const keys = { delayed: `${prefix}:deadlines:delayed`, marker: `${prefix}:deadlines:marker` };
  const errors: unknown[] = [];
  let redis: Redis;
  let wake: DueWake;

  beforeEach(() => {
    redis = new Redis(url);
    wake = new DueWake(redis, keys, (error) => void errors.push(error));
  });
  afterEach(async () => {
    wake.stop();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
    expect(errors).toEqual([]);
  });

  /** Removes the marker each time the wake adds it: the machine times at which it was found. */
  const watchMarker = (seen: number[]) => async () => {
    if ((await redis.zrem(keys.marker, '0')) === 1) seen.push(Date.now());
    return false;
  };

  it('marks the queue when its earliest delayed job falls due, never before, then waits for the next', async () => {
    const first = Date.now() + 300;
    const second = first + 300;
    await redis.zadd(keys.delayed, first * 0x1000, 'first', second * 0x1000 + 1, 'second');
    wake.start();
    const seen: number[] = [];
    await eventually(async () => (await watchMarker(seen)(), seen.length === 2), 'two wake-ups');
    expect(seen[0]).toBeGreaterThanOrEqual(first);
    expect(seen[1]).toBeGreaterThanOrEqual(second);
  });

  it('wakes for a job added due sooner than the one it waits for, and not at all once stopped', async () => {
    await redis.zadd(keys.delayed, (Date.now() + 60_000) * 0x1000, 'later');
    wake.start();
    const sooner = Date.now() + 200;
    wake.expect(sooner);
    const seen: number[] = [];
    await eventually(async () => (await watchMarker(seen)(), seen.length === 1), 'the wake-up for the sooner job');
    expect(seen[0]).toBeGreaterThanOrEqual(sooner);

    wake.expect(Date.now() + 100);
    wake.stop();
    await sleep(300);
    expect(await redis.zscore(keys.marker, '0')).toBeNull();
  });
});
