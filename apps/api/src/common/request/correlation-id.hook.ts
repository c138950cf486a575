import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { ApiRequest } from './api-request';

/**
 * Gives every request a correlation id, recorded in the metadata of the events it appends and echoed
 * in `X-Request-Id`: the client's own (1 to 100 letters, digits, `.`, `_`, `-`) or a new UUID.
 */
export function correlationId(req: ApiRequest, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.correlationId = typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.correlationId);
  next();
}
