import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '#domain';
import { SendLetterRequest } from '../../correspondence/letter-request';
import { LetterWriter } from '../../correspondence/letter-writer.service';
import { ActorNotPermittedError } from '#domain';
import type { RequestContext } from '../../http/request-context';
import { formErrors, refusalAsFieldErrors } from '../forms/field-errors';
import { validateRequest } from '../forms/validate-request';
import { ConsolePages } from '../pages/console-page.decorator';
import type { ConsolePerson } from '../sessions/console-people.port';
import { actorOf, ConsoleContext, Viewer } from '../sessions/console-request';
import { CasesInView, type CaseInView } from '../case-page/case-in-view';
import {
  ADDRESSEE_WORDS,
  EMAIL_DELIVERY_WORDS,
  LETTER_CHANNEL_WORDS,
  LETTER_TEMPLATE_WORDS,
} from '../rendering/vocabulary';
import {
  intentOf,
  letterChoices,
  letterFormValues,
  letterRequestOf,
  type LetterFormFields,
  type LetterFormValues,
} from './letter-form';

/** The form's words for the API's fields, at the start of its messages. */
const LABELS = {
  subject: 'Subject',
  body: 'Letter',
  channels: 'How to send it',
  email: 'E-mail address',
};

/**
 * Letters to the complainant on the console: `/cases/<reference>/letters` lists what was
 * sent and what became of each e-mail; `/letters/new` drafts one from the policy's
 * template, to edit, preview and send through the API's own letter writer.
 */
@Controller('cases')
@ConsolePages()
export class LetterPagesController {
  constructor(
    private readonly cases: CasesInView,
    private readonly writer: LetterWriter,
  ) {}

  @Get(':reference/letters')
  async list(
    @Param('reference') reference: string,
    @Query('sent') sent: unknown,
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
  ) {
    const actor = actorOf(person);
    const found = await this.cases.load(reference, actor);
    const letters = await this.writer.letters(found.state.id, actor);
    const address = `/cases/${found.state.reference}`;
    response.render('letters/letters', {
      pageTitle: `Letters – ${found.state.reference}`,
      reference: found.state.reference,
      summary: found.state.summary,
      address,
      mayWrite: this.writer.mayWrite(found.state, actor),
      banner: sent === '1' ? { text: 'The letter was sent.', success: true } : undefined,
      letters: letters.map((letter) => ({
        ...letter,
        templateWords: LETTER_TEMPLATE_WORDS[letter.template],
        addresseeWords: ADDRESSEE_WORDS[letter.addressedTo],
        channelWords: letter.channels.map((c) => LETTER_CHANNEL_WORDS[c]).join(' and '),
        emailWords: EMAIL_DELIVERY_WORDS[letter.email.state],
        documentHref: letter.documentId && `${address}/documents/${letter.documentId}`,
      })),
    });
  }

  @Get(':reference/letters/new')
  async form(
    @Param('reference') reference: string,
    @Query() query: LetterFormFields,
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
  ) {
    const actor = actorOf(person);
    const found = await this.loadForWriting(reference, actor);
    const chosen = letterFormValues({ ...query, channels: this.defaultChannels(found) });
    const values = await this.drafted(found, { ...chosen, key: randomUUID() }, actor);
    this.render(response, 200, found, values);
  }

  @Post(':reference/letters/new')
  async send(
    @Param('reference') reference: string,
    @Body() fields: LetterFormFields,
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
  ) {
    const found = await this.loadForWriting(reference, context.actor);
    const typed = letterFormValues(fields);
    const values = typed.key === '' ? { ...typed, key: randomUUID() } : typed;
    const intent = intentOf(fields);
    if (intent === 'draft')
      return this.render(response, 200, found, await this.drafted(found, values, context.actor));
    try {
      const request = await validateRequest(SendLetterRequest, letterRequestOf(values));
      if (intent === 'preview') return this.render(response, 200, found, values, true);
      await this.writer.send(found.state.id, request, {
        context,
        idempotencyKey: `console:${values.key}`,
      });
      response.redirect(303, `/cases/${found.state.reference}/letters?sent=1`);
    } catch (error) {
      const refused = refusalAsFieldErrors(error);
      if (!refused) throw error;
      this.render(response, 400, found, values, false, formErrors(refused, LABELS, 'subject'));
    }
  }

  private async loadForWriting(reference: string, actor: Actor): Promise<CaseInView> {
    const found = await this.cases.load(reference, actor);
    if (!this.writer.mayWrite(found.state, actor))
      throw new ActorNotPermittedError(
        'role-not-permitted',
        'Your role may not write to the complainant on this case.',
      );
    return found;
  }

  /** E-mail when an address is known; post otherwise. */
  private defaultChannels(found: CaseInView) {
    return found.state.complainant.email ? ['email'] : ['post'];
  }

  private async drafted(found: CaseInView, values: LetterFormValues, actor: Actor) {
    const draft = await this.writer.draft(
      found.state.id,
      values.template,
      values.addressedTo,
      actor,
    );
    return { ...values, ...draft };
  }

  private render(
    response: Response,
    status: number,
    found: CaseInView,
    values: LetterFormValues,
    preview = false,
    errors?: ReturnType<typeof formErrors>,
  ) {
    const address = `/cases/${found.state.reference}`;
    response.status(status).render('letters/write', {
      pageTitle: `Write to the complainant – ${found.state.reference}`,
      reference: found.state.reference,
      summary: found.state.summary,
      address,
      action: `${address}/letters/new`,
      values,
      choices: letterChoices(values, found.state.representative !== null),
      preview,
      errors: errors?.list,
      fieldErrors: errors?.byField ?? {},
    });
  }
}
