import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { safeFilename, sniffMediaType } from '#documents';
import { InvalidCommandError, type Actor, type AttachDocument } from '#domain';
import { UnsupportedUploadError } from '../../http/problem';
import { STORAGE, type Storage } from '../../storage/storage';
import { CaseCommandService } from '../case-command.service';
import type { CommandResultResponse } from '../case-detail.response';
import { CaseCommandMessage } from './case-command.message';

export interface Upload {
  originalname: string;
  buffer: Buffer;
}

export class AttachDocumentCommand extends CaseCommandMessage<Upload> {}

/**
 * Stores the file by its SHA-256, then records what it is on the case. Whether the
 * command can succeed was checked before the upload was read (CanAttachDocumentGuard),
 * so a refused upload leaves no orphan file behind.
 */
@CommandHandler(AttachDocumentCommand)
export class AttachDocumentHandler implements ICommandHandler<
  AttachDocumentCommand,
  CommandResultResponse
> {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    private readonly cases: CaseCommandService,
  ) {}

  async execute({
    caseId,
    body: file,
    options,
  }: AttachDocumentCommand): Promise<CommandResultResponse> {
    const { actor } = options.context;
    const attach = (data: AttachDocument['data']): AttachDocument => ({
      type: 'AttachDocument',
      actor,
      data,
    });
    if (file.buffer.length === 0) throw new EmptyUploadError();
    const mediaType = sniffMediaType(file.buffer);
    if (mediaType === null)
      throw new UnsupportedUploadError(
        'The file is not a PDF, PNG, JPEG, Word (.docx), plain-text or e-mail (.eml) file. Its content was checked, not its name.',
      );
    const stored = await this.storage.documents.put(file.buffer);
    return this.cases.execute(
      caseId,
      attach({
        documentId: randomUUID(),
        filename: safeFilename(file.originalname),
        mediaType,
        size: stored.size,
        sha256: stored.sha256,
      }),
      options,
    );
  }
}

class EmptyUploadError extends InvalidCommandError {
  constructor() {
    super('file', 'empty-file', 'The file is empty.');
  }
}

/** The command an upload will become, with stand-ins for what only the bytes can tell. */
export const attachmentProbe = (actor: Actor): AttachDocument => ({
  type: 'AttachDocument',
  actor,
  data: {
    documentId: 'preflight',
    filename: 'preflight',
    mediaType: 'text/plain',
    size: 0,
    sha256: '0'.repeat(64),
  },
});
