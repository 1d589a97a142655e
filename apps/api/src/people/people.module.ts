import { Module } from '@nestjs/common';
import type { CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import { AccountService } from './account.service';
import { FirstRunSetup } from './first-run-setup';
import { StaffDirectory } from './staff-directory';

/** The staff directory and the accounts people sign in with. */
@Module({
  providers: [
    {
      provide: StaffDirectory,
      inject: [STORAGE, CLOCK, CASE_DECIDER, APP_CONFIG],
      useFactory: (storage: Storage, clock: Clock, decider: CaseDecider, config: AppConfig) =>
        new StaffDirectory(storage, clock, decider, config.profile === 'distributed'),
    },
    AccountService,
    FirstRunSetup,
  ],
  exports: [StaffDirectory, AccountService, FirstRunSetup],
})
export class PeopleModule {}
