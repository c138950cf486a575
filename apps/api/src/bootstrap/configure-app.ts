import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import { AuthFailureLimiter, TokenService } from '@ketnap/engine';
import { Authenticator } from '../common/auth/authenticator';
import { API_PREFIX } from '../common/request/api-request';
import { correlationId } from '../common/request/correlation-id.middleware';
import { bodyErrors, bodyParsers, requireKnownMediaType } from './body-parsing';
import { setUpSwagger } from './swagger';

/**
 * Everything around the routes, in order: security headers (helmet), correlation id, authentication
 * (before any body is read), media-type check, body parsers with their limits and errors, the `/api/v1`
 * prefix (not on `/health`, `/metrics`, `/docs`) and the OpenAPI document. The app must be created
 * with `bodyParser: false` (see `createApiApp`).
 */
export function configureApp(app: INestApplication): void {
  app.use(helmet());
  app.use(correlationId);
  app.use(new Authenticator(app.get(TokenService), app.get(AuthFailureLimiter)).middleware);
  app.use(requireKnownMediaType);
  for (const { path, handler } of bodyParsers()) app.use(path, handler);
  app.use(bodyErrors);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  setUpSwagger(app);
}
