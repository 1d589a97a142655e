import { ApiController } from '../http/api-controller.decorator';
import {
  BadRequestException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  StreamableFile,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { CommandResultResponse } from './case-detail.response';
import { STORAGE, type Storage } from '../storage/storage';
import { CanAttachDocumentGuard } from './can-attach-document.guard';
import { CaseCommandTarget, IfMatch, type CommandTarget } from './case-command.decorators';
import { CaseReader } from './case-reader.service';
import { contentDisposition } from './content-disposition';
import { AttachDocumentCommand, type Upload } from './commands/attach-document.command';
import { ETagInterceptor } from './etag.interceptor';
import { UploadSlotGuard } from './upload-slots';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** One file, nothing else, at most `MAX_UPLOAD_BYTES`: for the API and the console alike. */
export const DOCUMENT_UPLOAD_OPTIONS = {
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 0 },
  // File names are UTF-8 today; busboy's default, latin1, would garble "Résumé" for good.
  defParamCharset: 'utf8',
};

/** Refuses anything but multipart before multer reads a byte. */
function requireMultipart(request: Request): void {
  if (!request.is('multipart/form-data'))
    throw new UnsupportedMediaTypeException(
      'Send the file as multipart/form-data, in a field named "file".',
    );
}

@ApiTags('documents')
@ApiBearerAuth()
@ApiController('cases/:id/documents')
export class CaseDocumentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: CaseReader,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

  @Post()
  @HttpCode(200)
  @UseGuards(CanAttachDocumentGuard, UploadSlotGuard)
  @UseInterceptors(ETagInterceptor, FileInterceptor('file', DOCUMENT_UPLOAD_OPTIONS))
  @ApiOperation({
    summary: 'Attach a document (PDF, PNG, JPEG, DOCX, TXT or EML; at most 20 MB)',
    description:
      'The type is judged from the content, and the stored name ends in that type’s extension. 413 when the file is over 20 MB or the case has no room for it (CLF_DOCUMENTS_PER_CASE_MB); 503 with Retry-After while the server takes as many uploads as it can at once.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @IfMatch('The case’s ETag.')
  @ApiOkResponse({ type: CommandResultResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 413, 415, 422, 503)
  async attach(
    @Param('id') _id: string,
    @UploadedFile() file: Upload | undefined,
    @Req() request: Request,
    @CaseCommandTarget() { caseId, options }: CommandTarget,
  ): Promise<CommandResultResponse> {
    try {
      requireMultipart(request);
      if (!file)
        throw new BadRequestException('No file: send it in a multipart field named "file".');
      return await this.commands.execute(new AttachDocumentCommand(caseId, file, options));
    } finally {
      // Stored (moved away) or refused, the temporary file goes with the request.
      if (file) await this.storage.staging.discard(file);
    }
  }

  @Get(':documentId')
  @ApiOperation({ summary: 'Download a document' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, as uploaded.' })
  @ApiProblems(400, 401, 404, 503)
  async download(
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Context() { actor }: RequestContext,
  ): Promise<StreamableFile> {
    const { document, content } = await this.reader.document(id, documentId, actor);
    return new StreamableFile(content, {
      type: document.mediaType,
      length: document.size,
      disposition: contentDisposition(document),
    });
  }
}
