import { remembered, rememberedPair } from './memo';

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

describe('rememberedPair', () => {
  it('computes a pair once while the cache keeps it, undefined included', () => {
    const cache = new Map<string, Map<number, string | undefined>>();
    let computed = 0;
    const value = (a: string, b: number) =>
      rememberedPair(cache, a, b, () => (computed++, b > 0 ? `${a}${b}` : undefined));
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
    const cache = new Map<string, Map<number, number>>();
    const held = () => [...cache.values()].reduce((sum, inner) => sum + inner.size, 0);
    for (const first of ['a', 'b', 'c'])
      for (const second of [1, 2]) {
        rememberedPair(cache, first, second, () => second, 3);
        expect(held()).toBeLessThanOrEqual(3);
      }
    expect(rememberedPair(cache, 'c', 2, () => -1, 3)).toBe(2);
  });
});
