import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { parseIdempotencyKey, parseIfMatch, toEventActor, type WriteContext } from '@ketnap/engine';
import type { ApiRequest } from './api-request';

/**
 * The {@link WriteContext} of a write route: the actor (from the token), the correlation id, and the
 * `If-Match` and `Idempotency-Key` headers (a malformed one is a 400). Pass it to the command.
 */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteContext => {
  const req = context.switchToHttp().getRequest<ApiRequest>();
  if (!req.actor) throw new Error('@Write() used on a route outside /api/v1: no authenticated actor');
  return {
    actor: toEventActor(req.actor),
    correlationId: req.correlationId,
    ifMatch: parseIfMatch(req.headers['if-match']),
    idempotencyKey: parseIdempotencyKey(req.headers['idempotency-key']),
  };
});
