import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { toEventActor, type CommandContext } from '@ketnap/engine';
import type { ApiRequest } from './api-request';
import { parseIdempotencyKey, parseIfMatch } from './write-headers';

/**
 * The {@link CommandContext} of a write route: the actor (from the token), the correlation id, the
 * `If-Match` header as the expected version and the `Idempotency-Key` (a malformed one is a 400).
 */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const req = context.switchToHttp().getRequest<ApiRequest>();
  if (!req.actor) throw new Error('@Write() used on a public route: no authenticated actor');
  return {
    actor: toEventActor(req.actor),
    correlationId: req.correlationId,
    expectedVersion: parseIfMatch(req.headers['if-match']),
    idempotencyKey: parseIdempotencyKey(req.headers['idempotency-key']),
  };
});
