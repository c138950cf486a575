import { Redis } from 'ioredis';
import { deleteKeysWithPrefix } from '@ketnap/scheduling/testing';

/**
 * Tests about PostgreSQL or Redis run against the real service. `test/support/global-setup.js` probes
 * them once; when one is not reachable its suites are skipped with the reason printed, except under
 * KETNAP_REQUIRE_SERVICES=1 (set by .ci/run), where they fail instead.
 */
export type ServiceName = 'postgres' | 'redis';

export function serviceUrl(service: ServiceName): string {
  const fallback = { postgres: 'postgres://postgres@127.0.0.1:5432/test', redis: 'redis://127.0.0.1:6379' }[service];
  return process.env[`KETNAP_TEST_${service.toUpperCase()}_URL`] ?? fallback;
}

/** `describe` that runs only when the service answered the probe: `describeWithService('redis', 'BullMQ timers', (url) => …)`. */
export function describeWithService(service: ServiceName, title: string, body: (url: string) => void): void {
  const url = serviceUrl(service);
  if (process.env[`KETNAP_TEST_${service.toUpperCase()}_UP`] === '1') {
    describe(title, () => body(url));
    return;
  }
  if (process.env.KETNAP_REQUIRE_SERVICES === '1') {
    describe(title, () => {
      it(`needs ${service} at ${url}`, () => {
        throw new Error(`${service} is required (KETNAP_REQUIRE_SERVICES=1) but not reachable at ${url}`);
      });
    });
    return;
  }
  process.stdout.write(
    `SKIPPED "${title}": ${service} is not reachable at ${url} (KETNAP_REQUIRE_SERVICES=1 makes this a failure)\n`,
  );
  describe.skip(`${title} [skipped: ${service} not reachable at ${url}]`, () => body(url));
}

/** Deletes every Redis key under `prefix` (what a FLUSHALL would do to this suite, and nothing else). */
export async function dropRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  try {
    return await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
