import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadSide } from '#read-models';
import { Public } from '../auth/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PROJECTIONS } from '../projections/projections.module';
import { STORAGE, type Storage } from '../storage/storage';
import { readiness } from './readiness';

export { READY_MAX_LAG_SECONDS } from './readiness';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
  ) {}

  /** The process is up and serving. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to take work (`readiness`): 503 when not. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const answer = await readiness(this.config, this.storage, this.projections);
    if (answer.status !== 'ready') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return answer;
  }
}
