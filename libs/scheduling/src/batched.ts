/**
 * Gathers the single calls made within one turn of the event loop into one call of `many`: one Redis
 * round trip for every BullMQ hold that ends at the same instant, one transaction for every embedded
 * timer delivered in the same turn.
 */
export function batched<K, V>(many: (keys: K[]) => Promise<V[]>): (key: K) => Promise<V> {
  let batch: Array<{ key: K; resolve: (value: V) => void; reject: (error: unknown) => void }> = [];
  const flush = () => {
    const taken = batch;
    batch = [];
    many(taken.map((b) => b.key)).then(
      (values) => taken.forEach((b, i) => b.resolve(values[i])),
      (error: unknown) => taken.forEach((b) => b.reject(error)),
    );
  };
  return (key) =>
    new Promise<V>((resolve, reject) => {
      if (batch.length === 0) setImmediate(flush);
      batch.push({ key, resolve, reject });
    });
}
