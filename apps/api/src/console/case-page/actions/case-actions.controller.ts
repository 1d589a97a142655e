import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { Clock } from '#event-store';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { CaseReader } from '../../../cases/case-reader.service';
import type { VisibleCase } from '../../../cases/case-stream';
import { commandFor, type RequestOf } from '../../../cases/case-requests';
import { CaseCommandMessage } from '../../../cases/commands/case-command.message';
import { InputValidationError } from '../../../http/problem';
import { toProblem } from '../../../http/problem-details.filter';
import type { RequestContext } from '../../../http/request-context';
import { CLOCK } from '../../../storage/storage';
import { ConsolePages } from '../../pages/console-page.decorator';
import {
  CONSOLE_PEOPLE,
  type ConsolePeople,
  type ConsolePerson,
} from '../../sessions/console-people.port';
import { actorOf, ConsoleContext, Viewer } from '../../sessions/console-request';
import { ACTION_FORMS, type ActionForm, type FormFields } from './action-forms';
import { actionRequest, formErrorsOf, type FormError } from './action-request';
import { actionPageView, freshValues } from './action-page.view';
import { ActionNotOfferedError, offeredActions } from './offered-actions';

/** A refusal that the person can put right on the form, rather than an error page. */
const FORM_REFUSALS = new Set([400, 403, 409, 422]);

/** The revision the form was shown at, as its hidden field carries it. */
function revisionOf(fields: FormFields): number {
  const revision = fields.revision;
  if (typeof revision !== 'string' || !/^\d{1,9}$/.test(revision))
    throw new InputValidationError([
      { field: 'revision', message: 'The form does not say which version of the case it was for' },
    ]);
  return Number(revision);
}

function formNamed(path: string): ActionForm & { path: string } {
  const form = Object.hasOwn(ACTION_FORMS, path) ? ACTION_FORMS[path] : undefined;
  if (!form) throw new NotFoundException('There is no such page.');
  return { ...form, path };
}

/**
 * The actions on a case, each a page with a short form: `GET /cases/<reference>/<action>`
 * shows it, `POST` sends the API's own command through the API's own command path, at the
 * revision the form was shown at, so that a change meanwhile is shown, never overwritten.
 */
@Controller('cases')
@ConsolePages()
export class CaseActionsController {
  constructor(
    private readonly reader: CaseReader,
    private readonly commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONSOLE_PEOPLE) private readonly people: ConsolePeople,
  ) {}

  private async activePeople() {
    return (await this.people.list()).filter((candidate) => candidate.active);
  }

  private async render(
    response: Response,
    status: number,
    form: ActionForm & { path: string },
    visible: VisibleCase,
    person: ConsolePerson,
    state: { values: FormFields; errors?: FormError[]; changedSince?: number },
  ) {
    response.status(status).render(
      'case-page/action',
      actionPageView(form, visible, {
        person,
        people: await this.activePeople(),
        policy: this.config.policy,
        now: this.clock(),
        ...state,
      }),
    );
  }

  @Get(':reference/:action')
  async show(
    @Param('reference') reference: string,
    @Param('action') path: string,
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
  ) {
    const form = formNamed(path);
    const visible = await this.reader.loadByReference(reference, actorOf(person));
    const offered = offeredActions(
      visible.state,
      actorOf(person),
      this.config.policy,
      this.clock(),
    );
    if (!offered.forms.includes(path)) throw new ActionNotOfferedError(form.label);
    await this.render(response, 200, form, visible, person, {
      values: freshValues(form, visible.state),
    });
  }

  @Post(':reference/:action')
  async record(
    @Param('reference') reference: string,
    @Param('action') path: string,
    @Body() fields: FormFields,
    @Viewer() person: ConsolePerson,
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
  ) {
    const form = formNamed(path);
    const visible = await this.reader.loadByReference(reference, context.actor);
    const revision = revisionOf(fields);
    const values = { ...fields, revision: String(revision) };
    const refuse = (status: number, errors: FormError[]) =>
      this.render(response, status, form, visible, person, { values, errors });
    const attempt = await actionRequest(
      form,
      fields,
      { people: await this.activePeople() },
      this.config.policy.timeZone,
    );
    const timeZone = this.config.policy.timeZone;
    if ('errors' in attempt) return refuse(400, formErrorsOf(form, attempt.errors, timeZone));
    try {
      const command = commandFor(
        form.route,
        attempt.request as RequestOf<typeof form.route>,
        context.actor,
      );
      await this.commands.execute(
        new CaseCommandMessage(visible.state.id, command, { context, ifMatch: `"${revision}"` }),
      );
      response.redirect(303, `/cases/${visible.state.reference}?done=${path}`);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412 || problem.code === 'case-changed') {
        const fresh = await this.reader.loadByReference(reference, context.actor);
        const typed = { ...fields, revision: String(fresh.revision) };
        return this.render(response, 409, form, fresh, person, {
          values: typed,
          changedSince: revision,
        });
      }
      if (!FORM_REFUSALS.has(problem.status)) throw error;
      const errors = formErrorsOf(
        form,
        problem.errors?.length ? problem.errors : [{ field: '', message: problem.detail }],
        timeZone,
      );
      return refuse(problem.status, errors);
    }
  }
}
