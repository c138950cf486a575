import { batched } from '../batched';
import { HeldJobs, Slots } from './held-jobs';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HeldJobs', () => {
  it('ends the holds of one instant together, each as due, never before their wait', async () => {
    jest.useFakeTimers({ now: new Date('2024-06-04T17:00:00Z') });
    try {
      const held = new HeldJobs();
      const ends: string[] = [];
      const holds = ['a', 'b', 'c'].map((id) => held.hold(id, 30, 0).then((how) => void ends.push(`${id} ${how}`)));
      expect(jest.getTimerCount()).toBe(1);
      await jest.advanceTimersByTimeAsync(29);
      expect(ends).toEqual([]);
      await jest.advanceTimersByTimeAsync(1);
      await Promise.all(holds);
      expect(ends).toEqual(['a due', 'b due', 'c due']);
      expect(held.size).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ends one hold as changed, those due by a time as due, and every other as stopping', async () => {
    const held = new HeldJobs();
    const changed = held.hold('changed', 60_000, 1000);
    const due = held.hold('due', 60_000, 1000);
    const later = held.hold('later', 60_000, 5000);
    held.changed('changed');
    held.changed('not-held');
    expect(await changed).toBe('changed');
    expect(held.dueBy(1000)).toEqual(['due']);
    expect(await due).toBe('due');
    held.stopping();
    expect(await later).toBe('stopping');
    expect(held.size).toBe(0);
  });
});

describe('Slots', () => {
  it('runs at most its limit at once, the others in their order', async () => {
    const slots = new Slots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        slots.run(async () => {
          running += 1;
          most = Math.max(most, running);
          order.push(n);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('batched', () => {
  it('makes one call for the keys asked for in one turn of the event loop, and rejects them together', async () => {
    const calls: string[][] = [];
    const one = batched(async (keys: string[]) => {
      calls.push(keys);
      if (keys.includes('bad')) throw new Error('down');
      return keys.map((key) => key.toUpperCase());
    });
    expect(await Promise.all([one('a'), one('b')])).toEqual(['A', 'B']);
    expect(await one('c')).toBe('C');
    const failed = [one('bad'), one('d')].map((p) => p.catch((error: Error) => error.message));
    expect(await Promise.all(failed)).toEqual(['down', 'down']);
    expect(calls).toEqual([['a', 'b'], ['c'], ['bad', 'd']]);
  });
});
