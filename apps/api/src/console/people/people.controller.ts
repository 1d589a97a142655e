import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ROLES, type StaffDirectoryCommand, type Role } from '#domain';
import type { RequestContext } from '../../http/request-context';
import { AccountService } from '../../people/account.service';
import { StaffDirectory } from '../../people/staff-directory';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { formText } from '../forms/form-text';
import { requireAdministrator } from '../admin/admin-access';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleSessions } from '../sessions/console-sessions';
import { ConsoleContext } from '../sessions/console-request';
import { TOKEN_REVOKED_BANNER } from '../account/token-form';
import { PersonPage } from './person-page';
import { ROLE_WORDS } from '../rendering/vocabulary';
import { roleItems } from './role-choices';

interface PersonForm {
  name?: unknown;
  email?: unknown;
  roles?: unknown;
}

const rolesOf = (value: unknown): Role[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((r): r is Role =>
    ROLES.includes(r as Role),
  );

/** What the person's page says after adding them or revoking one of their tokens. */
function personBanner(added: unknown, revoked: unknown) {
  if (added === '1')
    return { text: 'Added. Give them a password link so they can sign in.', success: true };
  if (revoked === '1') return TOKEN_REVOKED_BANNER;
  return undefined;
}

/** The staff directory, for administrators: who may use the console, with which roles. */
@Controller('people')
@ConsolePages()
export class PeopleController {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly accounts: AccountService,
    private readonly sessions: ConsoleSessions,
    private readonly personPage: PersonPage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Query('welcome') welcome: unknown,
  ) {
    requireAdministrator(context);
    response.render('people/people', {
      pageTitle: 'People',
      people: await this.listed(),
      roleItems: roleItems(['staff']),
      values: {},
      banner:
        welcome === '1'
          ? { text: 'You are the first administrator. Add the people who will use the console.' }
          : undefined,
    });
  }

  @Post()
  async add(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Body() form: PersonForm,
  ) {
    requireAdministrator(context);
    const values = { name: formText(form.name), email: formText(form.email) };
    const roles = rolesOf(form.roles);
    const id = randomUUID();
    try {
      await this.directory.execute(
        { type: 'AddPerson', actor: context.actor, data: { personId: id, ...values, roles } },
        context,
      );
    } catch (error) {
      const fields = refusalAsFieldErrors(error);
      if (!fields) throw error;
      const errors = formErrors(fields);
      return response.status(400).render('people/people', {
        pageTitle: 'People',
        people: await this.listed(),
        roleItems: roleItems(roles),
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
      });
    }
    response.redirect(303, `/people/${id}?added=1`);
  }

  /** Everyone in the directory, with their roles' names. */
  private async listed() {
    return (await this.directory.list()).map((member) => ({
      ...member,
      roleNames: member.roles.map((role) => ROLE_WORDS[role]),
    }));
  }

  @Get(':id')
  async show(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('added') added: unknown,
    @Query('revoked') revoked: unknown,
  ) {
    requireAdministrator(context);
    await this.personPage.render(response, id, { banner: personBanner(added, revoked) });
  }

  @Post(':id/roles')
  async changeRoles(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
    @Body() form: PersonForm,
  ) {
    requireAdministrator(context);
    return this.change(
      context,
      response,
      id,
      {
        type: 'ChangeRoles',
        actor: context.actor,
        data: { personId: id, roles: rolesOf(form.roles) },
      },
      'Roles changed.',
    );
  }

  @Post(':id/deactivate')
  async deactivate(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
  ) {
    requireAdministrator(context);
    const done = await this.change(
      context,
      response,
      id,
      { type: 'DeactivatePerson', actor: context.actor, data: { personId: id } },
      null,
    );
    if (done) {
      await this.sessions.endAllFor(id);
      response.redirect(303, `/people/${id}`);
    }
  }

  @Post(':id/reactivate')
  async reactivate(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
  ) {
    requireAdministrator(context);
    return this.change(
      context,
      response,
      id,
      { type: 'ReactivatePerson', actor: context.actor, data: { personId: id } },
      'Reactivated.',
    );
  }

  @Post(':id/reset-link')
  async resetLink(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
  ) {
    requireAdministrator(context);
    const member = await this.directory.findById(id);
    if (!member?.active) return this.personPage.render(response, id, {});
    const { token } = await this.accounts.createResetLink(id);
    const link = new URL(`/reset-password/${token}`, this.config.console.publicUrl).href;
    await this.personPage.render(response, id, { resetLink: link });
  }

  private async change(
    context: RequestContext,
    response: Response,
    id: string,
    command: StaffDirectoryCommand,
    done: string | null,
  ): Promise<boolean> {
    try {
      await this.directory.execute(command, context);
    } catch (error) {
      const fields = refusalAsFieldErrors(error);
      if (!fields) throw error;
      const errors = formErrors(fields.map((f) => ({ ...f, field: f.field || 'roles' })));
      await this.personPage.render(
        response,
        id,
        { errors: errors.list, fieldErrors: errors.byField },
        400,
      );
      return false;
    }
    if (done) response.redirect(303, `/people/${id}`);
    return true;
  }
}
