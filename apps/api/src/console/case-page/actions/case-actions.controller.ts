import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { commandFor, type RequestOf } from '../../../cases/case-requests';
import { CaseCommandMessage } from '../../../cases/commands/case-command.message';
import { InputValidationError, type FieldError } from '../../../http/problem';
import { toProblem } from '../../../http/problem-details.filter';
import type { RequestContext } from '../../../http/request-context';
import { ConsolePages } from '../../pages/console-page.decorator';
import {
  CONSOLE_PEOPLE,
  type ConsolePeople,
  type ConsolePerson,
} from '../../sessions/console-people.port';
import { actorOf, ConsoleContext, Viewer } from '../../sessions/console-request';
import { ACTION_FORMS, type ActionForm, type FormFields } from './action-forms';
import { actionRequest, formErrorsOf } from './action-request';
import { actionPageView, freshValues, type ActionPageState } from './action-page.view';
import { ActionNotOfferedError } from './offered-actions';
import { CasesInView, type CaseInView } from '../case-in-view';

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

type NamedForm = ActionForm & { path: string };

function formNamed(path: string): NamedForm {
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
    private readonly cases: CasesInView,
    private readonly commands: CommandBus,
    @Inject(CONSOLE_PEOPLE) private readonly people: ConsolePeople,
  ) {}

  private async activePeople() {
    return (await this.people.list()).filter((candidate) => candidate.active);
  }

  private async render(
    response: Response,
    status: number,
    form: NamedForm,
    found: CaseInView,
    state: Pick<ActionPageState, 'values' | 'errors' | 'changedSince' | 'revision'>,
  ) {
    response.status(status).render(
      'case-page/action',
      actionPageView(form, found, {
        offered: found.offered.forms.get(form.path) ?? [],
        people: await this.activePeople(),
        timeZone: this.cases.policy.timeZone,
        now: found.now,
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
    const found = await this.cases.load(reference, actorOf(person));
    if (!found.offered.forms.has(path)) throw new ActionNotOfferedError(form.label);
    await this.render(response, 200, form, found, {
      values: freshValues(form, found.state),
    });
  }

  @Post(':reference/:action')
  async record(
    @Param('reference') reference: string,
    @Param('action') path: string,
    @Body() fields: FormFields,
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
  ) {
    const form = formNamed(path);
    const found = await this.cases.load(reference, context.actor);
    const revision = revisionOf(fields);
    const timeZone = this.cases.policy.timeZone;
    const refuse = (status: number, errors: FieldError[]) =>
      // Still at the revision the form was for: what changed since must not pass unseen.
      this.render(response, status, form, found, {
        values: fields,
        errors: formErrorsOf(form, errors, timeZone),
        revision,
      });
    const people = await this.activePeople();
    const attempt = await actionRequest(form, fields, { people }, timeZone);
    if ('errors' in attempt) return refuse(400, attempt.errors);
    try {
      const command = commandFor(
        form.route,
        attempt.request as RequestOf<typeof form.route>,
        context.actor,
      );
      await this.commands.execute(
        new CaseCommandMessage(found.state.id, command, { context, ifMatch: `"${revision}"` }),
      );
      response.redirect(303, `/cases/${found.state.reference}?done=${path}`);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412 || problem.code === 'case-changed') {
        // Not recorded: what changed since, and their form again at the case's new revision.
        const fresh = await this.cases.load(reference, context.actor);
        return this.render(response, 409, form, fresh, {
          values: fields,
          changedSince: revision,
        });
      }
      if (!FORM_REFUSALS.has(problem.status)) throw error;
      return refuse(problem.status, problem.errors ?? [{ field: '', message: problem.detail }]);
    }
  }
}
