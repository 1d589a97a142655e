import { Module } from '@nestjs/common';
import { CONSOLE_PEOPLE, CONSOLE_SIGN_IN } from './sessions/console-people.port';
import { ConsoleSessionGuard } from './sessions/console-session.guard';
import { ConsoleSessions } from './sessions/console-sessions';
import { InterimPeople } from './sessions/interim-people';
import { SignInController } from './sign-in/sign-in.controller';
import { AccountController } from './account/account.controller';
import { OIDC_SIGN_IN } from './oidc/oidc-sign-in';

/** The staff console: its pages, and the sessions of the people using them. */
@Module({
  controllers: [SignInController, AccountController, ...OIDC_SIGN_IN.controllers],
  providers: [
    ConsoleSessions,
    ConsoleSessionGuard,
    InterimPeople,
    { provide: CONSOLE_PEOPLE, useExisting: InterimPeople },
    { provide: CONSOLE_SIGN_IN, useExisting: InterimPeople },
    ...OIDC_SIGN_IN.providers,
  ],
  exports: [ConsoleSessions],
})
export class ConsoleModule {}
