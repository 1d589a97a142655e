import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { detectMediaType, safeFilename, type StagedFile } from '#documents';
import type { Actor, AttachDocument, Case } from '#domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import {
  ApiProblemError,
  CaseDocumentsQuotaError,
  UnsupportedUploadError,
} from '../../http/problem';
import { STORAGE, type Storage } from '../../storage/storage';
import { CaseCommandService, type CommandOptions } from '../case-command.service';
import type { CommandResultResponse } from '../case-detail.response';

/** An upload as multer's staging storage leaves it: a temporary file, already hashed. */
export interface Upload extends StagedFile {
  originalname: string;
}

/** An upload for a case: what it is can be told only once its bytes are read. */
export class AttachDocumentCommand extends Command<CommandResultResponse> {
  constructor(
    readonly caseId: string,
    readonly file: Upload,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/**
 * Checks what the staged file is, then — once the command is known to succeed, room on the
 * case included — moves it into the store by its SHA-256 and records what it is on the
 * case. Who may attach, and whether If-Match is current, was checked before the upload was
 * read (CanAttachDocumentGuard). The staged file is the caller's to remove.
 */
@CommandHandler(AttachDocumentCommand)
export class AttachDocumentHandler implements ICommandHandler<
  AttachDocumentCommand,
  CommandResultResponse
> {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseCommandService,
  ) {}

  async execute({ caseId, file, options }: AttachDocumentCommand): Promise<CommandResultResponse> {
    if (file.size === 0) throw new EmptyUploadError();
    const mediaType = await detectMediaType(file.path);
    if (mediaType === null)
      throw new UnsupportedUploadError(
        'The file is not a PDF, PNG, JPEG, Word (.docx, without macros), plain-text or e-mail (.eml) file. Its content was checked, not its name.',
      );
    const command: AttachDocument = {
      type: 'AttachDocument',
      actor: options.context.actor,
      data: {
        documentId: randomUUID(),
        filename: safeFilename(file.originalname, mediaType),
        mediaType,
        size: file.size,
        sha256: file.sha256,
      },
    };
    const withRoom = {
      ...options,
      require: roomForDocument(this.config.documentsPerCaseBytes, file),
    };
    await this.cases.preflight(caseId, command, withRoom);
    const { storedAs } = await this.storage.caseDocuments.put(caseId, file);
    return this.cases.execute(
      caseId,
      { ...command, data: { ...command.data, storedAs } },
      withRoom,
    );
  }
}

/**
 * The case has room for this content within its quota. Content it already holds takes no
 * more room, since the store keeps each content once.
 */
export const roomForDocument =
  (quotaBytes: number, { sha256, size }: Pick<StagedFile, 'sha256' | 'size'>) =>
  (found: Case): void => {
    const held = new Map(found.documents.map((d) => [d.sha256, d.size]));
    const used = [...held.values()].reduce((total, bytes) => total + bytes, 0);
    if (!held.has(sha256) && used + size > quotaBytes)
      throw new CaseDocumentsQuotaError(quotaBytes, used);
  };

class EmptyUploadError extends ApiProblemError {
  constructor() {
    super(400, 'empty-file', 'The file is empty.', {
      errors: [{ field: 'file', message: 'The file is empty.' }],
    });
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
