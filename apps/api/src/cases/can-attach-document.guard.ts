import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AuthenticatedRequest } from '../http/request-context';
import { commandTargetOf } from './case-command.decorators';
import { CaseCommandService, type CommandOptions } from './case-command.service';
import { attachmentProbe, roomForDocument } from './commands/attach-document.command';

/** What the probe asks room for: any file at all, so a case already full is refused at once. */
const SMALLEST_FILE = { sha256: '', size: 1 };

/**
 * Whether this caller may attach a file to this case now — may act on it, holds a current
 * If-Match, and the case has room for one more file — before a byte of the upload is read.
 */
export const preflightAttachment = (
  cases: CaseCommandService,
  quotaBytes: number,
  caseId: string,
  options: CommandOptions,
) =>
  cases.preflight(caseId, attachmentProbe(options.context.actor), {
    ...options,
    require: roomForDocument(quotaBytes, SMALLEST_FILE),
  });

/**
 * Runs before the upload is read (guards precede interceptors such as multer's): a caller
 * who may not attach to this case, whose If-Match is stale, or whose case has no room left
 * is refused before a byte is written anywhere.
 */
@Injectable()
export class CanAttachDocumentGuard implements CanActivate {
  constructor(
    private readonly cases: CaseCommandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { caseId, options } = commandTargetOf(
      context.switchToHttp().getRequest<AuthenticatedRequest>(),
    );
    await preflightAttachment(this.cases, this.config.documentsPerCaseBytes, caseId, options);
    return true;
  }
}
