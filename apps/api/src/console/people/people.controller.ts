import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ROLES, type StaffDirectoryCommand, type Role } from '#domain';
import type { RequestContext } from '../../http/request-context';
import { AccountService, RESET_LINK_LIFETIME_MS } from '../../people/account.service';
import { StaffDirectory } from '../../people/staff-directory';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { formText } from '../forms/form-text';
import { requireAdministrator } from '../admin/admin-access';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleSessions } from '../sessions/console-sessions';
import { ConsoleContext } from '../sessions/console-request';
import { ROLE_WORDS } from '../rendering/vocabulary';

/** What each role means, in the words an administrator choosing it needs. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  staff: `${ROLE_WORDS.staff}: records feedback, works the cases they received or own`,
  'operations-manager': `${ROLE_WORDS['operations-manager']}: sees every case, assigns, acts at the first stages`,
  'senior-manager': `${ROLE_WORDS['senior-manager']}: as an operations manager, and the final internal stage and overrides`,
  quality: `${ROLE_WORDS.quality}: reads every case, reports and themes; changes categories`,
  auditor: `${ROLE_WORDS.auditor}: reads everything, including each case’s full history`,
  admin: `${ROLE_WORDS.admin}: people and roles, projections and jobs; no case content`,
};

interface PersonForm {
  name?: unknown;
  email?: unknown;
  roles?: unknown;
}

const rolesOf = (value: unknown): Role[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((r): r is Role =>
    ROLES.includes(r as Role),
  );

const roleItems = (chosen: readonly Role[]) =>
  ROLES.map((role) => ({
    value: role,
    text: ROLE_DESCRIPTIONS[role],
    checked: chosen.includes(role),
  }));

/** The staff directory, for administrators: who may use the console, with which roles. */
@Controller('people')
@ConsolePages()
export class PeopleController {
  constructor(
    private readonly directory: StaffDirectory,
    private readonly accounts: AccountService,
    private readonly sessions: ConsoleSessions,
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
      people: await this.directory.list(),
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
        people: await this.directory.list(),
        roleItems: roleItems(roles),
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
      });
    }
    response.redirect(303, `/people/${id}?added=1`);
  }

  @Get(':id')
  async show(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('added') added: unknown,
  ) {
    requireAdministrator(context);
    await this.render(response, id, {
      banner:
        added === '1'
          ? { text: 'Added. Give them a password link so they can sign in.', success: true }
          : undefined,
    });
  }

  private async render(
    response: Response,
    id: string,
    extra: Record<string, unknown>,
    status = 200,
  ) {
    const member = await this.directory.findById(id);
    if (!member)
      throw new DomainError(
        'not-found',
        'person-not-found',
        'There is no such person in the staff directory.',
      );
    response.status(status).render('people/person', {
      pageTitle: member.name,
      member,
      roleItems: roleItems(member.roles),
      resetLinkHours: RESET_LINK_LIFETIME_MS / 3_600_000,
      ...extra,
    });
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
    if (!member?.active) return this.render(response, id, {});
    const { token } = await this.accounts.createResetLink(id);
    const link = new URL(`/reset-password/${token}`, this.config.console.publicUrl).href;
    await this.render(response, id, { resetLink: link });
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
      await this.render(response, id, { errors: errors.list, fieldErrors: errors.byField }, 400);
      return false;
    }
    if (done) response.redirect(303, `/people/${id}`);
    return true;
  }
}
