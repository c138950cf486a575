import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KetnapLogger } from '@ketnap/engine';
import type { ApiRequest } from './api-request';

/** A request slower than this is logged at `warn`, whatever its status. */
const SLOW_REQUEST_MS = 1000;

/**
 * One log line per request at most: at `debug` every request, at `warn` a slow one or a 5xx other than
 * a fault (a 500 is logged once, with its stack, by the problem filter).
 * The line holds the method, the route's pattern (`/api/v1/dossiers/:id`, never the path a client sent,
 * nor its query string), the status, the time taken and the correlation id: no personal data.
 */
export function requestLog(logger: KetnapLogger) {
  return (req: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const status = reply.statusCode;
    const level = (status > 500 || ms >= SLOW_REQUEST_MS) && status !== 500 ? 'warn' : 'debug';
    if (logger.isEnabled(level)) {
      const route = req.routeOptions.url ?? '(no route)';
      const requestId = (req as ApiRequest).correlationId;
      logger.entry(level, 'http', `${req.method} ${route} ${status} ${ms} ms`, {
        method: req.method,
        route,
        status,
        ms,
        requestId,
      });
    }
    done();
  };
}
