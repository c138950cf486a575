import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedActor } from '@ketnap/engine';
import type { ApiRequest } from '../request/api-request';

/** The authenticated actor of an `/api/v1` route (for unit scoping: `actorMayActForUnit`). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedActor => {
  const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
  if (!actor) throw new Error('@CurrentActor() used on a route outside /api/v1: no authenticated actor');
  return actor;
});
