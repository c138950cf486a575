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

/** How many values each `rememberedPair` cache holds, all its inner maps together. */
const pairCounts = new WeakMap<Map<unknown, Map<unknown, unknown>>, number>();

/**
 * `remembered` for a key of two parts (a date and a count, two dates), kept as a cache per first part:
 * no key string is built and hashed on each call, and the dates' own strings keep their hashes. The
 * whole cache is cleared when it holds `limit` values, whatever their first parts: pairs with today's
 * date, say, would otherwise add a value per day under every first part.
 */
export function rememberedPair<A, B, V>(
  cache: Map<A, Map<B, V>>,
  first: A,
  second: B,
  compute: () => V,
  limit = 100_000,
): V {
  let known = cache.get(first);
  if (known !== undefined) {
    const value = known.get(second);
    if (value !== undefined || known.has(second)) return value as V;
  }
  const value = compute();
  let count = pairCounts.get(cache) ?? 0;
  if (count >= limit) {
    cache.clear();
    count = 0;
    known = undefined;
  }
  if (known === undefined) cache.set(first, (known = new Map()));
  known.set(second, value);
  pairCounts.set(cache, count + 1);
  return value;
}
