import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { requestContextOf, type AuthenticatedRequest } from '../http/request-context';
import { CaseCommandService } from './case-command.service';
import { attachmentProbe } from './commands/attach-document.command';

/**
 * Runs before the upload is read (guards precede interceptors such as multer's): a caller
 * who may not attach to this case, or whose If-Match is stale, is refused before 20 MB
 * reach memory or anything reaches storage.
 */
@Injectable()
export class CanAttachDocumentGuard implements CanActivate {
  constructor(private readonly cases: CaseCommandService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { actor } = requestContextOf(request);
    await this.cases.preflight(String(request.params.id), attachmentProbe(actor), {
      context: requestContextOf(request),
      ifMatch: request.header('if-match'),
    });
    return true;
  }
}
