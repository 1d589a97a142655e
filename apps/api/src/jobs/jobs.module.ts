import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CasesModule } from '../cases/cases.module';
import type { AppConfig } from '../config/app-config';
import { JobRunner } from './job-runner.service';
import { JobTimers } from './job-timers';
import { JobsAdminController } from './jobs-admin.controller';

/** The scheduled jobs (DESIGN §7): on demand always, on timers unless CLF_SCHEDULER=off. */
@Module({})
export class JobsModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: JobsModule,
      imports: [CasesModule, ...(config.scheduler ? [ScheduleModule.forRoot()] : [])],
      controllers: [JobsAdminController],
      providers: [JobRunner, ...(config.scheduler ? [JobTimers] : [])],
      exports: [JobRunner],
    };
  }
}
