import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { PeopleModule } from '../people/people.module';
import { StaffNotifications } from './staff-notifications.service';

/** Telling staff by e-mail: the `reminders` and `digest` jobs' work. */
@Module({
  imports: [CasesModule, PeopleModule],
  providers: [StaffNotifications],
  exports: [StaffNotifications],
})
export class StaffNotificationsModule {}
