import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthFailureLimiter, TokenError, TokenService, hasPermission, type Permission } from '@ketnap/engine';
import { ProblemException } from '../problem/problem';
import { isApiPath, type ApiRequest } from '../request/api-request';
import { REQUIRED_PERMISSIONS } from './requires.decorator';

/**
 * The bearer-token guard of every `/api/v1` route: no token → 401; a token that does not verify
 * (malformed, expired, badly signed) → 401, counted per client address, 429 past the limit; a valid
 * token whose role lacks the route's `@Requires` permissions → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly limiter: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<ApiRequest>();
    if (!isApiPath(req.path)) return true;
    const header = req.headers.authorization;
    if (!header) throw unauthenticated('send the header Authorization: Bearer <token>', 'Bearer');
    try {
      const match = /^Bearer +([^\s]+) *$/i.exec(header);
      if (!match) throw new TokenError('malformed', 'the Authorization header must be "Bearer <token>"');
      req.actor = await this.tokens.verify(match[1]);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      const wait = this.limiter.fail(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      if (wait !== undefined) {
        throw new ProblemException(429, 'TOO_MANY_FAILED_AUTHENTICATIONS', `too many failed authentications from this address; retry in ${wait} s`, {
          headers: { 'Retry-After': String(wait) },
        });
      }
      throw unauthenticated(error.message, 'Bearer error="invalid_token"');
    }
    const required = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, [context.getHandler(), context.getClass()]);
    if (required === undefined) throw new ProblemException(403, 'FORBIDDEN', 'this route admits no one: it declares no permission');
    const missing = required.filter((permission) => !hasPermission(req.actor!.role, permission));
    if (missing.length > 0) throw new ProblemException(403, 'FORBIDDEN', `the role ${req.actor!.role} may not do this (needs ${missing.join(', ')})`);
    return true;
  }
}

const unauthenticated = (detail: string, challenge: string) => new ProblemException(401, 'UNAUTHENTICATED', detail, { headers: { 'WWW-Authenticate': challenge } });
