import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountService } from '../../people/account.service';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { ConsolePages, OpenToVisitors } from '../pages/console-page.decorator';
import { ConsoleSessions } from '../sessions/console-sessions';
import { ApiProblemError } from '../../http/problem';

class ResetLinkUnusableError extends ApiProblemError {
  constructor() {
    super(
      404,
      'reset-link-unusable',
      'This password link has been used, has expired, or was never made. Ask an administrator for a new one.',
    );
  }
}

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
  async form(@Param('token') token: string, @Res() response: Response) {
    if (!(await this.accounts.resetLinkFor(token))) throw new ResetLinkUnusableError();
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
      const personId = await this.accounts.resetPassword(token, password);
      if (!personId) throw new ResetLinkUnusableError();
      // A new password ends every session the old one opened.
      await this.sessions.endAllFor(personId);
    } catch (error) {
      const fields = error instanceof ResetLinkUnusableError ? null : refusalAsFieldErrors(error);
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
