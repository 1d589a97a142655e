import {
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CaseReader } from '../../cases/case-reader.service';
import { AttachDocumentCommand, type Upload } from '../../cases/commands/attach-document.command';
import { contentDisposition } from '../../cases/content-disposition';
import { UploadSlotGuard } from '../../cases/upload-slots';
import type { RequestContext } from '../../http/request-context';
import { toProblem } from '../../http/problem-details.filter';
import { LetterWriter } from '../../correspondence/letter-writer.service';
import { STORAGE, type Storage } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import type { ConsolePerson } from '../sessions/console-people.port';
import { actorOf, ConsoleContext, Viewer } from '../sessions/console-request';
import { casePageView } from './case-page.view';
import { CasesInView } from './case-in-view';
import { ConsoleCanAttachGuard, ConsoleUploadInterceptor } from './document-upload';
import { ACTION_FORMS } from './actions/action-forms';

/** What the page says at its top after something was done, by the query that says so. */
export interface CasePageNotice {
  recorded?: string;
  attached?: string;
  /** The path of the action just recorded. */
  done?: string;
}

/**
 * The banner after something was done; after an action that owes the complainant a letter,
 * it offers to write it (with that template chosen) to those who may.
 */
export function bannerFor(notice: CasePageNotice, reference: string, mayWrite: boolean) {
  const action =
    notice.done && Object.hasOwn(ACTION_FORMS, notice.done) ? ACTION_FORMS[notice.done] : null;
  const text =
    notice.recorded === '1'
      ? `Feedback recorded: ${reference}`
      : notice.attached === '1'
        ? 'The document was attached.'
        : action?.done;
  const link = action?.letter &&
    mayWrite && {
      href: `/cases/${reference}/letters/new?template=${action.letter}`,
      text: 'Write to the complainant',
    };
  return text && { text, success: true, ...(link && { link }) };
}

/**
 * The case page, `/cases/<reference>` (any letter case): the case as the API's
 * `GET /cases/by-reference/:reference` reads it, for the same people, with its documents
 * downloaded and uploaded through the API's own paths.
 */
@Controller('cases')
@ConsolePages()
export class CasePageController {
  constructor(
    private readonly cases: CasesInView,
    private readonly reader: CaseReader,
    private readonly commands: CommandBus,
    @Inject(STORAGE) private readonly storage: Storage,
    private readonly letters: LetterWriter,
  ) {}

  /** The page's view model, with anything that goes wrong in the upload form beside it. */
  async view(reference: string, person: ConsolePerson, uploadError?: string) {
    const found = await this.cases.load(reference, actorOf(person));
    const view = casePageView(found, {
      timeZone: this.cases.policy.timeZone,
      calendar: this.cases.calendar,
      now: found.now,
    });
    return {
      ...view,
      actions: [...found.offered.forms.keys()].map((path) => ({
        href: `${view.address}/${path}`,
        label: ACTION_FORMS[path].label,
      })),
      mayAttach: found.offered.mayAttach,
      mayWriteLetters: this.letters.mayWrite(found.state, actorOf(person)),
      ...(uploadError && {
        uploadError,
        errors: [{ text: uploadError, href: '#file' }],
      }),
    };
  }

  @Get(':reference')
  async show(
    @Param('reference') reference: string,
    @Query() notice: CasePageNotice,
    @Viewer() person: ConsolePerson,
    @Res() response: Response,
  ) {
    const view = await this.view(reference, person);
    response.render('case-page/case', {
      ...view,
      banner: bannerFor(notice, view.reference, view.mayWriteLetters),
    });
  }

  @Get(':reference/documents/:documentId')
  async download(
    @Param('reference') reference: string,
    @Param('documentId') documentId: string,
    @Viewer() person: ConsolePerson,
  ): Promise<StreamableFile> {
    const actor = actorOf(person);
    const { state } = await this.cases.load(reference, actor);
    const { document, content } = await this.reader.document(state.id, documentId, actor);
    return new StreamableFile(content, {
      type: document.mediaType,
      length: document.size,
      disposition: contentDisposition(document),
    });
  }

  @Post(':reference/documents')
  @UseGuards(ConsoleCanAttachGuard, UploadSlotGuard)
  @UseInterceptors(ConsoleUploadInterceptor)
  async upload(
    @Param('reference') reference: string,
    @UploadedFile() file: Upload | undefined,
    @Viewer() person: ConsolePerson,
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
  ) {
    try {
      if (!file)
        return await this.refuseUpload(response, reference, person, 400, 'Choose a file to attach');
      const { state } = await this.cases.load(reference, context.actor);
      const result = await this.commands.execute(
        new AttachDocumentCommand(state.id, file, { context }),
      );
      response.redirect(303, `/cases/${result.reference}?attached=1`);
    } catch (error) {
      const problem = toProblem(error);
      if (![400, 413, 415].includes(problem.status)) throw error;
      await this.refuseUpload(response, reference, person, problem.status, problem.detail);
    } finally {
      if (file) await this.storage.staging.discard(file);
    }
  }

  private async refuseUpload(
    response: Response,
    reference: string,
    person: ConsolePerson,
    status: number,
    message: string,
  ) {
    response.status(status).render('case-page/case', await this.view(reference, person, message));
  }
}
