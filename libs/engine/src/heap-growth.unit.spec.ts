import { getHeapStatistics } from 'node:v8';
import { RequestHeapCollector, SettledCollector, collectHeap } from './heap-growth';

describe('SettledCollector', () => {
  const options = { afterEvents: 1_000, quietMs: 1_000 };
  let collections: number;
  let collector: SettledCollector;
  beforeEach(() => {
    collections = 0;
    collector = new SettledCollector(() => collections++, options);
  });

  it('collects once the consumers stand still for the quiet spell after a catch-up, and only once', () => {
    collector.observe({ saga: 0, quota: 0 }, 0);
    collector.observe({ saga: 800, quota: 900 }, 500);
    collector.observe({ saga: 800, quota: 900 }, 1_400);
    expect(collections).toBe(0);
    collector.observe({ saga: 800, quota: 900 }, 1_500);
    expect(collections).toBe(1);
    collector.observe({ saga: 800, quota: 900 }, 5_000);
    expect(collections).toBe(1);
  });

  it('does not collect while the consumers move, nor after a pause that followed few events', () => {
    collector.observe({ saga: 10_000 }, 0);
    for (let t = 100; t <= 3_000; t += 100) collector.observe({ saga: 10_000 + t }, t);
    expect(collections).toBe(0);
    collector.observe({ saga: 13_000 }, 4_000);
    expect(collections).toBe(1);
    collector.observe({ saga: 13_500 }, 4_100);
    collector.observe({ saga: 13_500 }, 9_000);
    expect(collections).toBe(1);
  });

  it('counts the events from the positions it first saw, not from the start of the log', () => {
    collector.observe({ saga: 1_000_000 }, 0);
    collector.observe({ saga: 1_000_000 }, 5_000);
    expect(collections).toBe(0);
  });
});

describe('collectHeap', () => {
  it('gives back the garbage of the calling thread', () => {
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () =>
      Array.from({ length: 10_000 }, (_, i) => i),
    );
    const before = getHeapStatistics().used_heap_size;
    garbage = undefined;
    collectHeap();
    expect(garbage).toBeUndefined();
    expect(getHeapStatistics().used_heap_size).toBeLessThan(before - 10 * 2 ** 20);
  });
});

describe('RequestHeapCollector', () => {
  const MIB = 2 ** 20;
  let used: number;
  let collections: number;
  let collector: RequestHeapCollector;
  beforeEach(() => {
    used = 100 * MIB;
    collections = 0;
    collector = new RequestHeapCollector(
      () => collections++,
      () => used,
      16 * MIB,
    );
  });

  it('collects once a request that grew the heap past the limit has ended', () => {
    const start = collector.started();
    used += 40 * MIB;
    collector.ended(start);
    expect(collections).toBe(1);
  });

  it('does not collect for a request that grew the heap less', () => {
    const start = collector.started();
    used += 8 * MIB;
    collector.ended(start);
    expect(collections).toBe(0);
  });

  it('leaves collecting to V8 while another request is being answered, and collects again once alone', () => {
    const heavy = collector.started();
    const other = collector.started();
    used += 40 * MIB;
    collector.ended(heavy);
    expect(collections).toBe(0);
    collector.ended(other);
    expect(collections).toBe(1);
  });
});
