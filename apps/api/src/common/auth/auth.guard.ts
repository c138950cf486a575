import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasPermission, needsUnits, type Permission } from '@ketnap/engine';
import { ProblemException } from '../problem/problem';
import type { ApiRequest } from '../request/api-request';
import { PUBLIC_ROUTE, REQUIRED_PERMISSIONS } from './requires.decorator';

/**
 * The guard of every route (API.md "Access"), after the authentication middleware: a route marked
 * `@Public()` is open; any other needs the authenticated actor (401 without one), a token of a role
 * scoped to units that names at least one (403), and the role's permissions for the route's
 * `@Requires` (403; a route that declares none is refused to everyone). Unit scope is the engine's.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;
    if (context.getType() !== 'http') return false;
    const actor = context.switchToHttp().getRequest<ApiRequest>().actor;
    if (!actor)
      throw new ProblemException(
        401,
        'UNAUTHENTICATED',
        {},
        {
          headers: { 'WWW-Authenticate': 'Bearer' },
        },
      );
    if (needsUnits(actor.role) && actor.units.length === 0) {
      throw new ProblemException(403, 'FORBIDDEN.no-units', { role: actor.role });
    }
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    if (required === undefined) throw new ProblemException(403, 'FORBIDDEN.no-permission-declared');
    const missing = required.filter((permission) => !hasPermission(actor.role, permission));
    if (missing.length > 0) throw new ProblemException(403, 'FORBIDDEN', { role: actor.role, permissions: missing });
    return true;
  }
}
