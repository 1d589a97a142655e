import { Body, Controller, Get, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseDecider } from '#domain';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import type { RequestContext } from '../../http/request-context';
import { searchOf, SubjectAccessRequest } from '../../subject-access/subject-access-search';
import {
  archiveDisposition,
  NothingFoundError,
  requireDataProtection,
  SubjectAccess,
  type PersonInCase,
} from '../../subject-access/subject-access.service';
import { formErrors, refusalAsFieldErrors, type FormErrors } from '../forms/field-errors';
import { validateRequest } from '../forms/validate-request';
import { ConsolePages } from '../pages/console-page.decorator';
import { instantInWords } from '../rendering/people-time';
import { ADDRESSEE_WORDS, capitalised, KIND_WORDS } from '../rendering/vocabulary';
import { ConsoleContext } from '../sessions/console-request';
import {
  SUBJECT_ACCESS_LABELS,
  subjectAccessFormValues,
  subjectAccessRequestOf,
  type SubjectAccessFormValues,
} from './subject-access-form';

const PAGE = 'subject-access/subject-access';
const PAGE_TITLE = 'Subject access';

/**
 * Subject access for data protection: find a person (by e-mail, phone or name), see the
 * cases about them, and download everything as one ZIP — the API's export, recorded in
 * each case. Searches are posted, so nobody's address ends up in an address bar or a history.
 */
@Controller('data-protection/subject-access')
@ConsolePages()
export class SubjectAccessPageController {
  constructor(
    private readonly subjectAccess: SubjectAccess,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
  ) {}

  @Get()
  form(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireDataProtection(context.actor);
    response.render(PAGE, { pageTitle: PAGE_TITLE, values: subjectAccessFormValues({}) });
  }

  @Post()
  async search(
    @ConsoleContext() context: RequestContext,
    @Body() fields: Record<string, unknown>,
    @Res() response: Response,
  ) {
    requireDataProtection(context.actor);
    const values = subjectAccessFormValues({ ...fields, key: undefined });
    try {
      const search = searchOf(
        await validateRequest(SubjectAccessRequest, subjectAccessRequestOf(values)),
      );
      const found = await this.subjectAccess.find(context.actor, search);
      response.status(200).render(PAGE, {
        pageTitle: PAGE_TITLE,
        values,
        searched: true,
        matches: found.map((match) => this.inWords(match)),
      });
    } catch (error) {
      this.refused(response, error, values);
    }
  }

  @Post('export')
  async download(
    @ConsoleContext() context: RequestContext,
    @Body() fields: Record<string, unknown>,
    @Res() response: Response,
  ) {
    requireDataProtection(context.actor);
    const values = subjectAccessFormValues(fields);
    try {
      const search = searchOf(
        await validateRequest(SubjectAccessRequest, subjectAccessRequestOf(values)),
      );
      const exported = await this.subjectAccess.export(search, {
        context,
        idempotencyKey: `console:${values.key}`,
      });
      response
        .status(200)
        .type('application/zip')
        .setHeader('Content-Disposition', archiveDisposition(exported));
      this.subjectAccess.archive(exported).pipe(response);
    } catch (error) {
      if (!(error instanceof NothingFoundError)) return this.refused(response, error, values);
      response
        .status(404)
        .render(PAGE, { pageTitle: PAGE_TITLE, values, searched: true, matches: [] });
    }
  }

  private refused(response: Response, error: unknown, values: SubjectAccessFormValues) {
    const fields = refusalAsFieldErrors(error);
    if (!fields) throw error;
    const errors: FormErrors = formErrors(fields, SUBJECT_ACCESS_LABELS, 'email');
    response.status(400).render(PAGE, {
      pageTitle: PAGE_TITLE,
      values,
      errors: errors.list,
      fieldErrors: errors.byField,
    });
  }

  private inWords({ found, roles }: PersonInCase) {
    return {
      reference: found.reference,
      kind: capitalised(KIND_WORDS[found.kind]),
      received: instantInWords(found.receivedAt, this.decider.policy.timeZone),
      roles: capitalised(roles.map((role) => ADDRESSEE_WORDS[role]).join(' and ')),
    };
  }
}
