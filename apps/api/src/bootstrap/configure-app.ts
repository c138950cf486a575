import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import { API_PREFIX } from '../common/request/api-request';
import { correlationId } from '../common/request/correlation-id.middleware';
import { bodyErrors, bodyParsers, requireKnownMediaType } from './body-parsing';
import { setUpSwagger } from './swagger';

/**
 * Everything around the routes, in order: security headers (helmet), correlation id, media-type
 * check, body parsers with their limits and errors, the `/api/v1` prefix (not on `/health`,
 * `/metrics`, `/docs`) and the OpenAPI document. The app must be created with `bodyParser: false`.
 */
export function configureApp(app: INestApplication): void {
  app.use(helmet());
  app.use(correlationId);
  app.use(requireKnownMediaType);
  for (const { path, handler } of bodyParsers()) app.use(path, handler);
  app.use(bodyErrors);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  setUpSwagger(app);
}
