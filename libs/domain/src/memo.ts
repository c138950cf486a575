/**
 * `compute()` for `key`, computed once while `cache` keeps it. For pure functions the rebuilds ask
 * millions of times with a few thousand keys; the cache is cleared when it reaches `limit`, so a
 * long-running process never grows it without end.
 */
export function remembered<K, V>(cache: Map<K, V>, key: K, compute: () => V, limit = 100_000): V {
  const known = cache.get(key);
  if (known !== undefined || cache.has(key)) return known as V;
  const value = compute();
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * `remembered` for a key of two parts (a date and a count, two dates), kept as a map per first part:
 * no key string is built and hashed on each call, and the dates' own strings keep their hashes. The
 * whole cache is cleared when it holds `limit` values, whatever their first parts: pairs with today's
 * date, say, would otherwise add a value per day under every first part.
 */
export class PairCache<A, B, V> {
  private readonly byFirst = new Map<A, Map<B, V>>();
  private count = 0;

  constructor(private readonly limit = 100_000) {}

  /** `compute()` for the pair, computed once while the cache keeps it (`undefined` included). */
  get(first: A, second: B, compute: () => V): V {
    let known = this.byFirst.get(first);
    if (known !== undefined) {
      const value = known.get(second);
      if (value !== undefined || known.has(second)) return value as V;
    }
    const value = compute();
    if (this.count >= this.limit) {
      this.byFirst.clear();
      this.count = 0;
      known = undefined;
    }
    if (known === undefined) this.byFirst.set(first, (known = new Map()));
    known.set(second, value);
    this.count += 1;
    return value;
  }

  /** The values held, counted in the inner maps. */
  get size(): number {
    let held = 0;
    for (const inner of this.byFirst.values()) held += inner.size;
    return held;
  }
}
