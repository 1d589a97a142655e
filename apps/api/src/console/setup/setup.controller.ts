import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { FirstRunSetup } from '../../people/first-run-setup';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { formText } from '../forms/form-text';
import { ConsolePages, OpenToVisitors } from '../pages/console-page.decorator';
import { ConsoleSessions } from '../sessions/console-sessions';
import type { ConsoleRequest } from '../sessions/console-request';

interface SetupForm {
  code?: unknown;
  name?: unknown;
  email?: unknown;
  password?: unknown;
}

/** "Create the first administrator": only while nobody is in the staff directory. */
@Controller('setup')
@ConsolePages()
@OpenToVisitors()
export class SetupController {
  constructor(
    private readonly setup: FirstRunSetup,
    private readonly sessions: ConsoleSessions,
  ) {}

  @Get()
  async form(@Res() response: Response) {
    if (!(await this.setup.isPending())) return response.redirect(303, '/sign-in');
    response.render('setup/setup', { pageTitle: 'Create the first administrator', values: {} });
  }

  @Post()
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() form: SetupForm) {
    if (!(await this.setup.isPending())) return response.redirect(303, '/sign-in');
    const values = {
      code: formText(form.code),
      name: formText(form.name),
      email: formText(form.email),
    };
    try {
      const person = await this.setup.createFirstAdministrator({
        ...values,
        password: typeof form.password === 'string' ? form.password : '',
      });
      await this.sessions.signIn(request, response, person.id);
      response.redirect(303, '/people?welcome=1');
    } catch (error) {
      const fields = refusalAsFieldErrors(error);
      if (!fields) throw error;
      const errors = formErrors(fields);
      response.status(400).render('setup/setup', {
        pageTitle: 'Create the first administrator',
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
      });
    }
  }
}
