import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ConsolePages, OpenToVisitors } from '../pages/console-page.decorator';
import { CONSOLE_PEOPLE, type ConsolePeople } from '../sessions/console-people.port';
import type { ConsoleRequest } from '../sessions/console-request';
import { ConsoleSessions } from '../sessions/console-sessions';
import { safeReturnAddress } from '../sign-in/return-address';
import { IdentityProvider } from './identity-provider';
import { OIDC_CALLBACK_PATH, OIDC_SIGN_IN_PATH } from './oidc-addresses';
import { SignInNotCompletedError } from './oidc.errors';
import { providedEmail } from './provided-email';
import { SignInFlowCookie } from './sign-in-flow-cookie';

/** Why someone the provider signed in is not let into the console. */
type Refusal =
  | { reason: 'not-set-up'; email: string }
  | { reason: 'unverified'; email: string }
  | { reason: 'missing' };

/** The query of an address as it came, undecoded: what the provider put on the callback. */
const queryOf = (address: string) => {
  const start = address.indexOf('?');
  return start === -1 ? '' : address.slice(start + 1);
};

/**
 * Signing in with the organisation's identity provider. The provider says who someone is;
 * the staff directory says whether they may use the console and with which roles, matched
 * by the e-mail address the provider has verified.
 */
@Controller()
@ConsolePages()
@OpenToVisitors()
export class OidcSignInController {
  private readonly logger = new Logger('Sign-in');

  constructor(
    private readonly provider: IdentityProvider,
    private readonly flows: SignInFlowCookie,
    private readonly sessions: ConsoleSessions,
    @Inject(CONSOLE_PEOPLE) private readonly people: ConsolePeople,
  ) {}

  @Get(OIDC_SIGN_IN_PATH)
  async begin(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Query('returnTo') returnTo: unknown,
  ) {
    const returnAddress = safeReturnAddress(returnTo);
    if (request.visit?.person) return response.redirect(303, returnAddress);
    const { address, flow } = await this.provider.begin(returnAddress);
    await this.flows.keep(response, flow);
    response.redirect(303, address.href);
  }

  @Get(OIDC_CALLBACK_PATH)
  async callback(@Req() request: ConsoleRequest, @Res() response: Response) {
    const flow = await this.flows.take(request, response);
    if (!flow) throw new SignInNotCompletedError();
    const email = providedEmail(await this.provider.finish(queryOf(request.originalUrl), flow));
    if (email.status === 'missing') return this.refuse(response, { reason: 'missing' });
    if (email.status === 'unverified')
      return this.refuse(response, { reason: 'unverified', email: email.email });
    const person = await this.people.findByEmail(email.email);
    if (!person?.active) return this.refuse(response, { reason: 'not-set-up', email: email.email });
    await this.sessions.signIn(request, response, person.id);
    response.redirect(303, safeReturnAddress(flow.returnTo));
  }

  private refuse(response: Response, refusal: Refusal) {
    this.logger.warn({ msg: 'identity provider sign-in refused', ...refusal });
    response.status(403).render('sign-in/oidc-refused', {
      pageTitle: 'You cannot use this console yet',
      refusal,
    });
  }
}
