import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { KetnapLogger, type KetnapConfig } from '@ketnap/engine';
import { ApiModule } from '../api.module';
import type { WorkerLink } from '../worker-thread/worker-link';
import { BODY_LIMIT } from './body-parsing';
import { configureApp } from './configure-app';

/**
 * The HTTP app on Fastify, whose router matches paths exactly as written (API.md "Access": case
 * sensitive, a trailing slash or a doubled one is another path). `trustProxy` is `KETNAP_TRUST_PROXY`.
 */
export async function createApiApp(config: KetnapConfig, link?: WorkerLink): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: {
      caseSensitive: true,
      ignoreTrailingSlash: false,
      ignoreDuplicateSlashes: false,
      maxParamLength: 4096,
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, link), adapter, {
    logger: KetnapLogger.of(config),
    bufferLogs: false,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}
