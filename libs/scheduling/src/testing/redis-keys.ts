import type { Redis } from 'ioredis';

/**
 * Deletes every key under `<prefix>:` and returns how many there were. Tests share one Redis with other
 * suites: they lose or clean up their own keys this way, never with FLUSHALL.
 */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  if (!/^[\w-]+$/.test(prefix)) throw new Error(`refusing to delete keys for the prefix ${JSON.stringify(prefix)}`);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
