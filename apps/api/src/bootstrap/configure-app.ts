import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet, { strictTransportSecurity } from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthFailureLimiter, KETNAP_CONFIG, KetnapLogger, TokenService, UserAccounts } from '@ketnap/engine';
import { Authenticator } from '../common/auth/authenticator';
import { API_PREFIX } from '../common/request/api-request';
import { correlationId } from '../common/request/correlation-id.hook';
import { registerHeapCollection } from '../common/request/heap-collection.hook';
import { requestLog } from '../common/request/request-log.hook';
import { registerConsole } from '../console/console-assets';
import { registerBodyParsing } from './body-parsing';
import { setUpSwagger } from './swagger';

/**
 * The security headers (helmet's defaults) fitted to a server an office reaches over plain http on its
 * own network: no `upgrade-insecure-requests` (a browser would fetch `/docs`' scripts and styles over
 * https, which such a server does not speak, and show a blank page), and `Strict-Transport-Security`
 * only on a request that came over https (TLS here, or `X-Forwarded-Proto: https` from a proxy that
 * `KETNAP_TRUST_PROXY` trusts): over http a browser ignores it, and it would promise https the server
 * may not offer. The CSP stays `'self'`-only for scripts, which is all the OpenAPI UI loads.
 */
function securityHeaders(): (req: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void {
  const headers = helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  });
  const hsts = strictTransportSecurity();
  return (req, reply, done) =>
    headers(req.raw, reply.raw, (error?: unknown) => {
      if (error || req.protocol !== 'https') return done(error as Error | undefined);
      hsts(req.raw, reply.raw, () => done());
    });
}

/**
 * Everything around the routes, in order: security headers (helmet), correlation id, the heap
 * collection after a heavy read, authentication
 * (before any body is read), the body parsers with their media types, limits and errors, the
 * `/api/v1` prefix (not on `/health`, `/metrics`, `/docs`), the OpenAPI document and the console (`/`).
 */
export function configureApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', securityHeaders());
  fastify.addHook('onRequest', correlationId);
  registerHeapCollection(fastify);
  fastify.addHook('onResponse', requestLog(KetnapLogger.of(app.get(KETNAP_CONFIG))));
  fastify.addHook(
    'onRequest',
    new Authenticator(app.get(TokenService), app.get(AuthFailureLimiter), app.get(UserAccounts)).hook,
  );
  registerBodyParsing(fastify);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  setUpSwagger(app);
  registerConsole(fastify);
}
