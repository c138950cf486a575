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
