import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ActorNotPermittedError, CHANNELS, RECORDS_FEEDBACK } from '#domain';
import type { Clock } from '#event-store';
import { ReceiveCaseRequest } from '../../cases/case-requests';
import { checkIdempotencyKey } from '../../cases/commands/idempotency-key';
import { ReceiveCaseCommand } from '../../cases/commands/receive-case.command';
import type { CommandResultResponse } from '../../cases/case-detail.response';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../http/request-context';
import { CLOCK } from '../../storage/storage';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { validateRequest } from '../forms/validate-request';
import { ConsolePages } from '../pages/console-page.decorator';
import { CONSOLE_PEOPLE, type ConsolePeople } from '../sessions/console-people.port';
import { COMPLAINANT_ROLE_WORDS } from '../rendering/vocabulary';
import { ConsoleContext } from '../sessions/console-request';
import { freshRecordForm, RECORD_LABELS, recordRequestOf, type RecordForm } from './record-form';
import { InputValidationError } from '../../http/problem';

const CHANNEL_NAMES: Record<string, string> = {
  'in-person': 'In person',
  phone: 'Phone',
  email: 'Email',
  letter: 'Letter',
  'web-form': 'Web form',
  other: 'Other',
};
/** The request's fields that the form asks for under another name. */
const FORM_FIELD: Record<string, string> = { receivedAt: 'receivedDate', 'owner.id': 'ownerId' };

function mayRecord(context: RequestContext) {
  if (!RECORDS_FEEDBACK.some((role) => context.actor.roles.includes(role)))
    throw new ActorNotPermittedError(
      'may-not-record',
      'Your roles do not include recording feedback.',
    );
}

/** Record feedback: one form for every kind, sending the API's own command in-process. */
@Controller('cases/new')
@ConsolePages()
export class RecordController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONSOLE_PEOPLE) private readonly people: ConsolePeople,
  ) {}

  @Get()
  async form(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    mayRecord(context);
    await this.render(
      response,
      freshRecordForm(this.clock(), this.config.policy.timeZone, randomUUID()),
    );
  }

  @Post()
  async record(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Body() form: RecordForm,
  ) {
    mayRecord(context);
    const ownerId = typeof form.ownerId === 'string' && form.ownerId ? form.ownerId : undefined;
    // The command path checks that the owner is an active person and records the
    // directory's name for them: the form only says whom it chose.
    const owner = ownerId
      ? { id: ownerId, name: (await this.people.findById(ownerId))?.name ?? ownerId }
      : undefined;
    const { body, errors } = recordRequestOf(form, {
      timeZone: this.config.policy.timeZone,
      now: this.clock(),
      owner,
    });
    try {
      const request = await validateRequest(ReceiveCaseRequest, body).catch((error: unknown) => {
        if (error instanceof InputValidationError)
          throw new InputValidationError([...errors, ...error.errors]);
        throw error;
      });
      if (errors.length > 0) throw new InputValidationError(errors);
      const result: CommandResultResponse = await this.commands.execute(
        new ReceiveCaseCommand(request, {
          context,
          idempotencyKey: checkIdempotencyKey(form.idempotencyKey),
        }),
      );
      response.redirect(303, `/cases/${result.reference}?recorded=1`);
    } catch (error) {
      const fields = refusalAsFieldErrors(error);
      if (!fields) throw error;
      await this.render(
        response,
        form,
        fields.map((f) => ({ ...f, field: FORM_FIELD[f.field] ?? f.field })),
        400,
      );
    }
  }

  private async render(
    response: Response,
    form: RecordForm,
    fields: { field: string; message: string }[] = [],
    status = 200,
  ) {
    const errors = formErrors(fields, RECORD_LABELS);
    const people = await this.people.list();
    const choose = (options: Record<string, string>, chosen?: string) =>
      Object.entries(options).map(([value, text]) => ({
        value,
        text,
        selected: value === chosen,
        checked: value === chosen,
      }));
    response.status(status).render('record/record', {
      pageTitle: 'Record feedback',
      form,
      errors: errors.list,
      fieldErrors: errors.byField,
      channels: [
        { value: '', text: 'Choose' },
        ...choose(Object.fromEntries(CHANNELS.map((c) => [c, CHANNEL_NAMES[c]])), form.channel),
      ],
      roles: [
        { value: '', text: 'Choose' },
        ...choose(COMPLAINANT_ROLE_WORDS, form.complainant?.role),
      ],
      owners: [
        { value: '', text: 'Nobody yet (a manager assigns it)' },
        ...people
          .filter((p) => p.active)
          .map((p) => ({ value: p.id, text: p.name, selected: p.id === form.ownerId })),
      ],
      stages: this.config.policy.complaints,
    });
  }
}
