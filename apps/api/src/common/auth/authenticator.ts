import type { KeyOfCode, MessageParams } from '@ketnap/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureLimiter, TokenError, TokenService, UserAccounts } from '@ketnap/engine';
import { ProblemException } from '../problem/problem';
import { answerProblem } from '../problem/problem.filter';
import { pathOf, type ApiRequest } from '../request/api-request';
import { isCanonicalPath, isPublicPath } from './request-paths';

/** A 401 with its `WWW-Authenticate` challenge. */
export const unauthenticated = (key: KeyOfCode<'UNAUTHENTICATED'>, params: MessageParams, challenge: string) =>
  new ProblemException(401, key, params, { headers: { 'WWW-Authenticate': challenge } });

/**
 * Authentication of every request but the public paths (API.md "Access": fail closed): no token → 401;
 * a token that does not verify (malformed, expired, badly signed) or whose subject is a disabled user
 * (API.md "Accounts": its tokens stop working at once) → 401, counted per client address
 * (`req.ip`, which `KETNAP_TRUST_PROXY` lets come from `X-Forwarded-For`), 429 past the limit. It runs
 * on every request, routed or not, before any body is read: a path that names no route is 401 without
 * a token and, once authenticated, 404 when it is not written as routes are (`//`, dot segments,
 * encoded slashes).
 */
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly limiter: AuthFailureLimiter,
    private readonly accounts: UserAccounts,
  ) {}

  /** The `onRequest` hook: a refusal returns the reply, which tells Fastify the request goes no further. */
  readonly hook = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const path = pathOf(req);
    if (isPublicPath(path)) return undefined;
    try {
      await this.authenticate(req as ApiRequest);
      if (!isCanonicalPath(path)) throw new ProblemException(404, 'NOT_FOUND.path');
      return undefined;
    } catch (error) {
      return answerProblem(error, req, reply);
    }
  };

  /** Sets `req.actor` from the bearer token, or throws the 401 or 429 problem. */
  async authenticate(req: ApiRequest): Promise<void> {
    const header = req.headers.authorization;
    if (!header) throw unauthenticated('UNAUTHENTICATED', {}, 'Bearer');
    try {
      const match = /^Bearer +([^\s]+) *$/i.exec(header);
      if (!match) throw new TokenError('malformed', 'UNAUTHENTICATED.bearer');
      const actor = await this.tokens.verify(match[1]);
      if (await this.accounts.isDisabled(actor.sub)) throw new TokenError('invalid-claims', 'UNAUTHENTICATED.disabled');
      req.actor = actor;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      const wait = this.limiter.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      if (wait !== undefined) {
        throw new ProblemException(
          429,
          'TOO_MANY_FAILED_AUTHENTICATIONS',
          { wait },
          {
            headers: { 'Retry-After': String(wait) },
          },
        );
      }
      throw unauthenticated(error.messageKey, error.messageParams, 'Bearer error="invalid_token"');
    }
  }
}
