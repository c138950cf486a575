import { lookup } from 'node:dns/promises';
import { createServer } from 'node:net';
import { pingRedis } from '@ketnap/scheduling';
import { loadCalendar } from './calendar/calendar.provider';
import { ConfigError, type KetnapConfig } from './config/config';
import { loadRuleSets } from './rules/rule-sets.provider';

/** How long the start waits for Redis to answer before it gives up. */
export const REDIS_CHECK_MS = 3000;

/**
 * A start that cannot go on (a port in use, a Redis that does not answer): names the variable to
 * check, like a {@link ConfigError}, and is printed as one line.
 */
export class StartCheckError extends ConfigError {
  constructor(variable: string, reason: string) {
    super(variable, reason);
    this.name = 'StartCheckError';
  }
}

/**
 * Binds `port` on every address of the host the API listens on (Fastify's `localhost`: 127.0.0.1 and
 * ::1 where it has both) and lets it go again, so a port in use stops the start before the store, the
 * worker or the deadline sweep touch the data dir.
 */
export async function assertPortFree(port: number, host = 'localhost'): Promise<void> {
  if (port === 0) return;
  const addresses = await lookup(host, { all: true });
  for (const { address } of addresses) await bindAndRelease(port, address);
}

function bindAndRelease(port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return resolve(); // no such interface here
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use (another ketnap, or another program): stop it or set PORT to a free port`
          : `cannot listen on port ${port} (${error.code ?? error.message}): set PORT to a port this user may open`;
      reject(new StartCheckError('PORT', reason));
    });
    server.listen({ port, host: address, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** The host and port of a Redis URL, without the credentials it may hold. */
const redisAddress = (url: string): string => {
  const { hostname, port } = new URL(url);
  return `${hostname || 'localhost'}:${port || '6379'}`;
};

/** With `REDIS_URL` and the worker on: Redis must answer within {@link REDIS_CHECK_MS}, or the start stops. */
export async function assertRedisReachable(
  config: Pick<KetnapConfig, 'redisUrl' | 'worker'>,
  timeoutMs = REDIS_CHECK_MS,
): Promise<void> {
  if (!config.redisUrl || !config.worker) return;
  try {
    await pingRedis(config.redisUrl, timeoutMs);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new StartCheckError(
      'REDIS_URL',
      `no Redis answered at ${redisAddress(config.redisUrl)} within ${timeoutMs / 1000} s (${cause}): ` +
        'start Redis there, correct REDIS_URL, or unset it to keep the timers in the data dir',
    );
  }
}

/**
 * Reads the operator's calendar and rule set files (`KETNAP_CALENDAR_DIR`, `KETNAP_RULES_DIR`) before
 * anything starts: a bad file stops the start in one line naming it (a {@link ConfigError}), before
 * the data dir is touched, rather than inside Nest's start.
 */
export function assertDataFilesLoad(config: Pick<KetnapConfig, 'calendarDir' | 'optionalDaysOff' | 'rulesDir'>): void {
  loadCalendar(config);
  loadRuleSets(config);
}
