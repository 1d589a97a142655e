import { Controller, Get, Render } from '@nestjs/common';
import { ConsolePages } from '../pages/console-page.decorator';
import type { ConsolePerson } from '../sessions/console-people.port';
import { Viewer } from '../sessions/console-request';

/** The signed-in person's own page: who the console takes them for, and what they may do. */
@Controller('account')
@ConsolePages()
export class AccountController {
  @Get()
  @Render('account/account')
  show(@Viewer() person: ConsolePerson) {
    return { pageTitle: 'Your account', account: person };
  }
}
