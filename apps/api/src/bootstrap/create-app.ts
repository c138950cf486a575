import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { KetnapConfig } from '@ketnap/engine';
import { ApiModule } from '../api.module';
import { configureApp } from './configure-app';

/**
 * The HTTP app on an Express server whose routes match exactly as written (API.md "Access"): case
 * sensitive, a trailing slash is another path. Express reads these settings once, when it first
 * builds its router, so they are set before Nest touches it. `trust proxy` is `KETNAP_TRUST_PROXY`.
 */
export async function createApiApp(config: KetnapConfig): Promise<INestApplication> {
  const server = express();
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  server.set('trust proxy', config.trustProxy);
  const app = await NestFactory.create(ApiModule.forRoot(config), new ExpressAdapter(server), {
    bufferLogs: false,
    bodyParser: false,
  });
  configureApp(app);
  return app;
}
