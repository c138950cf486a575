import { Redis } from 'ioredis';

/**
 * Connects to `url` once, without retrying, and sends a PING: resolves when Redis answers, rejects
 * with the connection's error (or a timeout) after at most `timeoutMs`. Nothing is logged.
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(lastError ?? new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } catch (error) {
    throw lastError ?? error; // the socket's own error ("connect ECONNREFUSED …"), not "Connection is closed."
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
