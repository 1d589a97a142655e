import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountService, API_TOKEN_LIFETIME_DAYS } from '../../people/account.service';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { formText } from '../forms/form-text';
import { ConsolePages } from '../pages/console-page.decorator';
import type { ConsolePerson } from '../sessions/console-people.port';
import { Viewer } from '../sessions/console-request';

/** How long a new token may last, as the form offers it. */
const LIFETIMES = [30, API_TOKEN_LIFETIME_DAYS.usual, API_TOKEN_LIFETIME_DAYS.longest];

interface TokenForm {
  name?: unknown;
  expiresInDays?: unknown;
}

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
  ) {
    await this.render(response, person, {
      banner:
        revoked === '1'
          ? { text: 'The token was revoked: it no longer works.', success: true }
          : undefined,
    });
  }

  private async render(
    response: Response,
    person: ConsolePerson,
    extra: Record<string, unknown>,
    status = 200,
  ) {
    const tokens = await this.accounts.listApiTokens(person.id);
    response.status(status).render('account/account', {
      pageTitle: 'Your account',
      account: person,
      tokens: tokens.sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      lifetimes: LIFETIMES.map((days) => ({
        value: String(days),
        text: `${days} days`,
        selected: days === API_TOKEN_LIFETIME_DAYS.usual,
      })),
      ...extra,
    });
  }

  @Post('tokens')
  async createToken(
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
    @Body() form: TokenForm,
  ) {
    const name = formText(form.name, 100);
    const refuse = (fields: { field: string; message: string }[]) => {
      const errors = formErrors(fields);
      return this.render(
        response,
        person,
        { errors: errors.list, fieldErrors: errors.byField, values: { name } },
        400,
      );
    };
    if (!name)
      return refuse([
        {
          field: 'name',
          message: 'Name the token after what will use it, for example “timetabling system”',
        },
      ]);
    try {
      const { token, record } = await this.accounts.createApiToken(
        person.id,
        name,
        Number(form.expiresInDays),
      );
      await this.render(response, person, {
        newToken: { token, name: record.name, expiresAt: record.expiresAt },
      });
    } catch (error) {
      const fields = refusalAsFieldErrors(error);
      if (!fields) throw error;
      await refuse(fields);
    }
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
