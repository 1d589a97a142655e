import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CasesModule } from '../cases/cases.module';
import { StaffNotificationsModule } from '../staff-notifications/staff-notifications.module';
import { JobRunner } from './job-runner.service';
import { JobTimers } from './job-timers';

/** The scheduled jobs (docs/policies.md, scheduled work): on demand always, and on their timers where `timers`. */
@Module({})
export class JobsModule {
  static forRoot({ timers }: { timers: boolean }): DynamicModule {
    return {
      module: JobsModule,
      // The console's administration pages run jobs and show their runs too.
      global: true,
      imports: [
        CasesModule,
        StaffNotificationsModule,
        ...(timers ? [ScheduleModule.forRoot()] : []),
      ],
      providers: [JobRunner, ...(timers ? [JobTimers] : [])],
      exports: [JobRunner],
    };
  }
}
