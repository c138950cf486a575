import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiRequest } from './api-request';

/**
 * Gives every request a correlation id, recorded in the metadata of the events it appends and echoed
 * in `X-Request-Id`: the client's own (1 to 100 letters, digits, `.`, `_`, `-`) or a new UUID.
 */
export function correlationId(req: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
  (req as ApiRequest).correlationId = id;
  void reply.header('X-Request-Id', id);
  done();
}
