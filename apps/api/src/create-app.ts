import { mkdirSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';

export const API_PREFIX = 'api/v1';

/** The HTTP application for a checked configuration; `main` and the e2e tests both use it. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  mkdirSync(config.dataDir, { recursive: true });
  const app = await NestFactory.create(AppModule.forConfig(config), { logger: ['error', 'warn'] });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.enableShutdownHooks();
  return app;
}
