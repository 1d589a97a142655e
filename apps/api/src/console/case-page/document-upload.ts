import {
  Inject,
  Injectable,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { preflightAttachment } from '../../cases/can-attach-document.guard';
import { CaseCommandService } from '../../cases/case-command.service';
import { DOCUMENT_UPLOAD_OPTIONS } from '../../cases/case-documents.controller';
import { CaseReader } from '../../cases/case-reader.service';
import { stagingStorageEngine } from '../../cases/staging-storage-engine';
import { STORAGE, type Storage } from '../../storage/storage';
import { actorOf, type ConsoleRequest } from '../sessions/console-request';

/**
 * The API's check before an upload is read, for the console's upload form: a person who
 * may not attach to this case, or a case with no room left, is refused before a byte is
 * written anywhere.
 */
@Injectable()
export class ConsoleCanAttachGuard implements CanActivate {
  constructor(
    private readonly reader: CaseReader,
    private readonly cases: CaseCommandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const actor = actorOf(request.visit!.person!);
    const { state } = await this.reader.loadByReference(String(request.params.reference), actor);
    await preflightAttachment(this.cases, this.config.documentsPerCaseBytes, state.id, {
      context: { actor, correlationId: request.requestId! },
    });
    return true;
  }
}

/**
 * multer as the API's upload route has it — one file, the same limits, staged on disk as it
 * arrives — for the console, whose module does not see the API's multer settings.
 */
@Injectable()
export class ConsoleUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(@Inject(STORAGE) storage: Storage) {
    const Multer = FileInterceptor('file', DOCUMENT_UPLOAD_OPTIONS);
    this.multer = new Multer({ storage: stagingStorageEngine(storage.staging) });
  }

  intercept(context: ExecutionContext, next: CallHandler) {
    return this.multer.intercept(context, next);
  }
}
