import type { Request } from 'express';
import type { AuthenticatedActor } from '@ketnap/engine';

/** The prefix of every route that needs a token (`/health`, `/metrics` and `/docs` are outside it). */
export const API_PREFIX = 'api/v1';

export const isApiPath = (path: string): boolean => path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);

/** A request as the API's middleware and guard leave it. */
export interface ApiRequest extends Request {
  /** Set by the auth guard on `/api/v1` routes. */
  actor?: AuthenticatedActor;
  /** The request's correlation id (`X-Request-Id` when the client sent a usable one). */
  correlationId: string;
}
