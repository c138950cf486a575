import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document at `/docs-json` and its UI at `/docs`, with bearer authentication declared. */
export function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('ketnap')
    .setDescription(
      'Party-member admission dossiers: units, plans and dossier steps as events. Contract: API.md. ' +
        'Errors are application/problem+json { type, title, status, detail, code, errors?, details? }, each route ' +
        'listing the ones it may answer. Bodies are application/json ' +
        '(PUT /plans/{year} also takes text/tab-separated-values): another content type is 415, malformed JSON 400, ' +
        'a body over 1 MB 413. Writes take If-Match (the version last seen; 409 when stale) and Idempotency-Key ' +
        '(a resend answers the first result). 20 failed authentications a minute from one address are answered 429. ' +
        "Messages for people (a problem's detail, its errors' messages) are in Vietnamese by default, in English " +
        'with Accept-Language: en; Content-Language names the language answered. Codes and field names never change ' +
        'with the language. The problem examples below are answers in Vietnamese.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addGlobalParameters({
      name: 'Accept-Language',
      in: 'header',
      required: false,
      description: 'vi (the default) or en: the language of the messages (Content-Language names the one answered)',
      schema: { type: 'string', default: 'vi', example: 'en' },
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
