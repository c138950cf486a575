import type { Request } from 'express';
import type { AuthenticatedActor } from '@ketnap/engine';

/** The prefix of the API's routes (`/health`, `/metrics` and `/docs` are outside it). */
export const API_PREFIX = 'api/v1';

/** A request as the API's middleware and guard leave it. */
export interface ApiRequest extends Request {
  /** Set by the authentication middleware on every request but the public paths. */
  actor?: AuthenticatedActor;
  /** The request's correlation id (`X-Request-Id` when the client sent a usable one). */
  correlationId: string;
}
