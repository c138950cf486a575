import { PairCache, remembered } from './memo';

describe('remembered', () => {
  it('computes a key once while the cache keeps it, and clears the cache when full', () => {
    const cache = new Map<string, number>();
    let computed = 0;
    const square = (n: number) => remembered(cache, String(n), () => (computed++, n * n), 2);
    expect([square(3), square(3), square(4)]).toEqual([9, 9, 16]);
    expect(computed).toBe(2);
    square(5);
    expect(cache.size).toBe(1);
  });
});

describe('PairCache', () => {
  it('computes a pair once while the cache keeps it, undefined included', () => {
    const cache = new PairCache<string, number, string | undefined>();
    let computed = 0;
    const value = (a: string, b: number) => cache.get(a, b, () => (computed++, b > 0 ? `${a}${b}` : undefined));
    expect([value('a', 1), value('a', 1), value('a', 0), value('a', 0), value('b', 1)]).toEqual([
      'a1',
      'a1',
      undefined,
      undefined,
      'b1',
    ]);
    expect(computed).toBe(3);
  });

  it('holds at most `limit` values in all, across first parts', () => {
    const cache = new PairCache<string, number, number>(3);
    for (const first of ['a', 'b', 'c'])
      for (const second of [1, 2]) {
        cache.get(first, second, () => second);
        expect(cache.size).toBeLessThanOrEqual(3);
      }
    expect(cache.get('c', 2, () => -1)).toBe(2);
  });
});
