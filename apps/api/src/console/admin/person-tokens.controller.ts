import { Body, Controller, Logger, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { RequestContext } from '../../http/request-context';
import { AccountService } from '../../people/account.service';
import { makeTokenFromForm, tokenFormPage, type TokenForm } from '../account/token-form';
import { ConsolePages } from '../pages/console-page.decorator';
import { PersonPage } from '../people/person-page';
import { ConsoleContext } from '../sessions/console-request';
import { requireAdministrator } from './admin-access';

/**
 * An administrator makes and revokes a person's API tokens on the person's page (for a
 * system that acts as them; the token itself is shown once, then kept only as a hash).
 */
@Controller('people/:id/tokens')
@ConsolePages()
export class PersonTokensController {
  private readonly logger = new Logger('People');

  constructor(
    private readonly accounts: AccountService,
    private readonly personPage: PersonPage,
  ) {}

  @Post()
  async make(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
    @Body() form: TokenForm,
  ) {
    requireAdministrator(context);
    await this.personPage.member(id);
    const answer = await makeTokenFromForm(this.accounts, id, form);
    if ('made' in answer)
      this.logger.log({ msg: 'API token made', personId: id, by: context.actor.id });
    const { status, shown } = tokenFormPage(answer);
    await this.personPage.render(response, id, shown, status);
  }

  @Post(':tokenId/revoke')
  async revoke(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
    @Param('tokenId') tokenId: string,
  ) {
    requireAdministrator(context);
    await this.personPage.member(id);
    if (await this.accounts.revokeApiToken(id, tokenId))
      this.logger.log({ msg: 'API token revoked', personId: id, tokenId, by: context.actor.id });
    response.redirect(303, `/people/${id}?revoked=1`);
  }
}
