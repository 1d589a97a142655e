import { Module } from '@nestjs/common';
import { CONSOLE_PEOPLE, CONSOLE_SIGN_IN } from './sessions/console-people.port';
import { ConsoleSessionGuard } from './sessions/console-session.guard';
import { ConsoleSessions } from './sessions/console-sessions';
import { InterimPeople } from './sessions/interim-people';
import { SignInController } from './sign-in/sign-in.controller';
import { AccountController } from './account/account.controller';
import { CasesModule } from '../cases/cases.module';
import { CASE_PAGE_CONTROLLERS, CASE_PAGE_PROVIDERS } from './case-page/case-page.parts';

/** The staff console: its pages, and the sessions of the people using them. */
@Module({
  imports: [CasesModule],
  // The case page's last: its /cases/:reference must not take /cases/new.
  controllers: [SignInController, AccountController, ...CASE_PAGE_CONTROLLERS],
  providers: [
    ...CASE_PAGE_PROVIDERS,
    ConsoleSessions,
    ConsoleSessionGuard,
    InterimPeople,
    { provide: CONSOLE_PEOPLE, useExisting: InterimPeople },
    { provide: CONSOLE_SIGN_IN, useExisting: InterimPeople },
  ],
  exports: [ConsoleSessions],
})
export class ConsoleModule {}
