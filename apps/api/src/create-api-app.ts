import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '#core';
import { AppModule } from './app.module.js';
import { applyHttpLimits } from './limits/http-limits.js';

/** Builds the API application (not yet listening); tests pass their own config. */
export async function createApiApp(config?: AppConfig): Promise<INestApplication> {
  // Body parsers are ours (size limit, error answers), registered before Apollo's middleware.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  applyHttpLimits(app, configOf(app));
  app.enableShutdownHooks();
  return app;
}

export function configOf(app: INestApplication): AppConfig {
  return app.get<AppConfig>(APP_CONFIG);
}
