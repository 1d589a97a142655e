import { readFileSync } from 'node:fs';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadSide } from '#read-models';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { readiness } from '../../health/readiness';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { STORAGE, type Storage } from '../../storage/storage';
import { CONSOLE_FILES } from '../console-files';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { requireAdministrator } from './admin-access';
import { healthRows, policyRows, storageRows, summaryRows } from './system-view';

/** The system for administrators: version, profile, where data is kept, the policy, health. */
@Controller('admin/system')
@ConsolePages()
export class SystemPageController {
  private readonly version: string = JSON.parse(readFileSync(CONSOLE_FILES.manifest, 'utf8'))
    .version;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
  ) {}

  @Get()
  async show(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    const { config } = this;
    const health = await readiness(config, this.storage, this.projections);
    response.render('admin/system', {
      pageTitle: 'System',
      about: summaryRows([
        { key: 'Version', value: this.version },
        {
          key: 'Profile',
          value: config.profile === 'embedded' ? 'Embedded (one server)' : 'Distributed',
        },
        { key: 'This server', value: PROCESS_ROLE_WORDS[config.role] },
        {
          key: 'Scheduled jobs’ timers',
          value: config.scheduler ? 'On' : 'Off: jobs run only when asked',
        },
        ...storageRows(config),
      ]),
      policy: {
        name: config.policy.name,
        organisation: config.policy.organisation,
        version: `${config.policy.id} ${config.policy.version}`,
        timeZone: config.policy.timeZone,
        rows: policyRows(config.policy),
      },
      ready: health.status === 'ready',
      health: summaryRows(healthRows(health)),
    });
  }
}

const PROCESS_ROLE_WORDS: Record<AppConfig['role'], string> = {
  all: 'Serves the console and API, keeps the read models and runs the jobs',
  api: 'Serves the console and API; follows the read models a worker keeps',
  worker: 'Keeps the read models and runs the jobs',
};
