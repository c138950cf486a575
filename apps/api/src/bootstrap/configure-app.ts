import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthFailureLimiter, KETNAP_CONFIG, KetnapLogger, TokenService } from '@ketnap/engine';
import { Authenticator } from '../common/auth/authenticator';
import { API_PREFIX } from '../common/request/api-request';
import { correlationId } from '../common/request/correlation-id.hook';
import { requestLog } from '../common/request/request-log.hook';
import { registerBodyParsing } from './body-parsing';
import { setUpSwagger } from './swagger';

/**
 * Everything around the routes, in order: security headers (helmet), correlation id, authentication
 * (before any body is read), the body parsers with their media types, limits and errors, the
 * `/api/v1` prefix (not on `/health`, `/metrics`, `/docs`) and the OpenAPI document.
 */
export function configureApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const headers = helmet();
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) =>
    headers(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  fastify.addHook('onRequest', correlationId);
  fastify.addHook('onResponse', requestLog(KetnapLogger.of(app.get(KETNAP_CONFIG))));
  fastify.addHook('onRequest', new Authenticator(app.get(TokenService), app.get(AuthFailureLimiter)).hook);
  registerBodyParsing(fastify);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  setUpSwagger(app);
}
