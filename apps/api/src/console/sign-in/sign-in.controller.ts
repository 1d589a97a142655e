import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ConsolePages, OpenToVisitors } from '../pages/console-page.decorator';
import { ConsoleSessions } from '../sessions/console-sessions';
import { CONSOLE_SIGN_IN, type ConsoleSignIn } from '../sessions/console-people.port';
import type { ConsoleRequest } from '../sessions/console-request';
import { safeReturnAddress } from './return-address';
import { formText } from '../forms/form-text';

/** Longer input is not an e-mail address or a password anyone types. */
const MAX_FIELD = 500;

const ENDED: Record<string, string> = {
  idle: 'You were signed out because the console was not used for a while. Sign in again.',
  expired: 'Your session reached its time limit. Sign in again.',
};

interface SignInForm {
  email?: unknown;
  password?: unknown;
  returnTo?: unknown;
}

@Controller()
@ConsolePages()
export class SignInController {
  constructor(
    private readonly sessions: ConsoleSessions,
    @Inject(CONSOLE_SIGN_IN) private readonly accounts: ConsoleSignIn,
  ) {}

  @Get('sign-in')
  @OpenToVisitors()
  async form(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Query('returnTo') returnTo: unknown,
    @Query('ended') ended: unknown,
    @Query('signedOut') signedOut: unknown,
    @Query('passwordSet') passwordSet: unknown,
  ) {
    if (request.visit?.person) return response.redirect(303, safeReturnAddress(returnTo));
    if (await this.accounts.firstRunPending()) return response.redirect(303, '/setup');
    const notice =
      typeof ended === 'string' && ENDED[ended]
        ? ENDED[ended]
        : signedOut === '1'
          ? 'You have signed out.'
          : passwordSet === '1'
            ? 'Your password is set. Sign in with it.'
            : undefined;
    response.render('sign-in/sign-in', {
      pageTitle: 'Sign in',
      returnTo: safeReturnAddress(returnTo),
      notice,
      values: {},
    });
  }

  @Post('sign-in')
  @OpenToVisitors()
  @HttpCode(200)
  async signIn(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Body() form: SignInForm,
  ) {
    const email = formText(form.email, MAX_FIELD);
    const password = typeof form.password === 'string' ? form.password.slice(0, MAX_FIELD) : '';
    const returnTo = safeReturnAddress(form.returnTo);
    const again = (status: number, errors: { text: string; href: string }[]) =>
      response.status(status).render('sign-in/sign-in', {
        pageTitle: 'Sign in',
        returnTo,
        errors,
        values: { email },
      });
    const missing = [
      ...(email ? [] : [{ text: 'Enter your email address', href: '#email' }]),
      ...(password ? [] : [{ text: 'Enter your password', href: '#password' }]),
    ];
    if (missing.length > 0) return again(400, missing);
    const result = await this.accounts.signIn(email, password, request.ip ?? 'unknown');
    if (result.outcome === 'throttled')
      return again(429, [
        {
          text: `Too many attempts to sign in. Wait ${Math.ceil(result.retryAfterSeconds / 60)} minutes, then try again.`,
          href: '#email',
        },
      ]);
    if (result.outcome === 'refused')
      return again(401, [{ text: 'Enter a correct email address and password', href: '#email' }]);
    await this.sessions.signIn(request, response, result.person.id);
    response.redirect(303, returnTo);
  }

  @Post('sign-out')
  @OpenToVisitors()
  async signOut(@Req() request: ConsoleRequest, @Res() response: Response) {
    await this.sessions.end(request, response);
    response.redirect(303, '/sign-in?signedOut=1');
  }
}
