import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountService } from '../../people/account.service';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { ConsolePages, OpenToVisitors } from '../pages/console-page.decorator';
import { ConsoleSessions } from '../sessions/console-sessions';

/** Choosing a password through the one-time link an administrator made. */
@Controller('reset-password')
@ConsolePages()
@OpenToVisitors()
export class ResetPasswordController {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: ConsoleSessions,
  ) {}

  @Get(':token')
  form(@Param('token') token: string, @Res() response: Response) {
    response.render('reset-password/reset-password', { pageTitle: 'Choose a password', token });
  }

  @Post(':token')
  async reset(
    @Param('token') token: string,
    @Res() response: Response,
    @Body() form: { password?: unknown },
  ) {
    const password = typeof form.password === 'string' ? form.password : '';
    try {
      const person = await this.accounts.resetPassword(token, password);
      // A new password ends every session the old one opened.
      await this.sessions.endAllFor(person.id);
    } catch (error) {
      const fields = refusalAsFieldErrors(error);
      if (!fields) throw error;
      const errors = formErrors(fields);
      return response.status(400).render('reset-password/reset-password', {
        pageTitle: 'Choose a password',
        token,
        errors: errors.list,
        fieldErrors: errors.byField,
      });
    }
    response.redirect(303, '/sign-in?passwordSet=1');
  }
}
