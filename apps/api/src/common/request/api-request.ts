import type { FastifyRequest } from 'fastify';
import type { AuthenticatedActor } from '@ketnap/engine';

/** The prefix of the API's routes (`/health`, `/metrics` and `/docs` are outside it). */
export const API_PREFIX = 'api/v1';

/** A request as the API's hooks and guard leave it. */
export interface ApiRequest extends FastifyRequest {
  /** Set by the authentication hook on every request but the public paths. */
  actor?: AuthenticatedActor;
  /** The request's correlation id (`X-Request-Id` when the client sent a usable one). */
  correlationId: string;
}

/** The path of a request, without its query string, as the client wrote it (not decoded, not normalised). */
export const pathOf = (req: FastifyRequest): string => {
  const url = req.raw.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};
