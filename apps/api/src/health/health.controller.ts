import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Public } from '../auth/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The process is up and serving. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to take work: the data directory is writable and a valid policy is loaded. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const dataDir = await access(this.config.dataDir, constants.W_OK).then(
      () => 'ok' as const,
      () => 'unavailable' as const,
    );
    const checks = {
      dataDir,
      policy: `${this.config.policy.id}@${this.config.policy.version}`,
    };
    if (dataDir !== 'ok') {
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'not-ready', checks };
    }
    return { status: 'ready', checks };
  }
}
