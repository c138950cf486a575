import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { toEventActor } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { ApiRequest } from '../request/api-request';

/** The authenticated actor of a route as the engine sees it (`sub`, `role`, `unitIds`): for reads its units narrow. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
  if (!actor) throw new Error('@CurrentActor() used on a public route: no authenticated actor');
  return toEventActor(actor);
});
