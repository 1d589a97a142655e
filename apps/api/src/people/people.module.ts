import { Module } from '@nestjs/common';
import { AccountService } from './account.service';
import { FirstRunSetup } from './first-run-setup';
import { StaffDirectory } from './staff-directory.service';

/** The staff directory and local accounts. */
@Module({
  providers: [StaffDirectory, AccountService, FirstRunSetup],
  exports: [StaffDirectory, AccountService, FirstRunSetup],
})
export class PeopleModule {}
