import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { toEventActor } from '@ketnap/engine';
import type { Actor } from '@ketnap/event-store';
import type { ApiRequest } from '../request/api-request';

/**
 * Who a route serving personal data serves it to, as the access log names them (API.md "Personal
 * data"): the authenticated actor, or `undefined` for a HEAD request, which gets the headers only and
 * so reads nothing.
 */
export const PersonalDataReader = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  const req = context.switchToHttp().getRequest<ApiRequest>();
  if (!req.actor) throw new Error('@PersonalDataReader() used on a public route: no authenticated actor');
  return req.method === 'HEAD' ? undefined : toEventActor(req.actor);
});
