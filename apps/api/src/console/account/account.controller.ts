import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountService } from '../../people/account.service';
import { ConsolePages } from '../pages/console-page.decorator';
import type { ConsolePerson } from '../sessions/console-people.port';
import { Viewer } from '../sessions/console-request';
import { digestBanner } from './digest-setting';
import {
  lifetimeItems,
  makeTokenFromForm,
  TOKEN_REVOKED_BANNER,
  tokenFormPage,
  type TokenForm,
} from './token-form';

/** The signed-in person's own page: who the console takes them for, and their API tokens. */
@Controller('account')
@ConsolePages()
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  async show(
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
    @Query('revoked') revoked: unknown,
    @Query('digest') digest: unknown,
  ) {
    const banner =
      revoked === '1'
        ? TOKEN_REVOKED_BANNER
        : digestBanner(typeof digest === 'string' ? digest : '');
    await this.render(response, person, { banner });
  }

  /** Turns the person's own daily digest e-mail on or off. */
  @Post('digest')
  async setDigest(
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
    @Body() form: { digest?: unknown },
  ) {
    const wanted = form.digest === 'on';
    await this.accounts.setDigestWanted(person.id, wanted);
    response.redirect(303, `/account?digest=${wanted ? 'on' : 'off'}`);
  }

  private async render(
    response: Response,
    person: ConsolePerson,
    extra: Record<string, unknown>,
    status = 200,
  ) {
    const [tokens, wantsDigest] = await Promise.all([
      this.accounts.listApiTokens(person.id),
      this.accounts.wantsDigest(person.id),
    ]);
    response.status(status).render('account/account', {
      pageTitle: 'Your account',
      account: person,
      tokens: tokens.sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      lifetimes: lifetimeItems(),
      wantsDigest,
      ...extra,
    });
  }

  @Post('tokens')
  async createToken(
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
    @Body() form: TokenForm,
  ) {
    const { status, shown } = tokenFormPage(
      await makeTokenFromForm(this.accounts, person.id, form),
    );
    await this.render(response, person, shown, status);
  }

  @Post('tokens/:id/revoke')
  async revoke(
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
    @Param('id') id: string,
  ) {
    await this.accounts.revokeApiToken(person.id, id);
    response.redirect(303, '/account?revoked=1');
  }
}
