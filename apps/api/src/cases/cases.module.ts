import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseCommandService } from './case-command.service';
import { CaseCommandsController } from './case-commands.controller';
import { CaseDocumentsController } from './case-documents.controller';
import { CaseQueriesController } from './case-queries.controller';
import { CaseReader } from './case-reader.service';
import { AttachDocumentHandler } from './commands/attach-document.command';
import { PASS_THROUGH_HANDLERS } from './commands/pass-through-commands';
import { ReceiveCaseHandler } from './commands/receive-case.command';
import { RecordGuardianNotificationHandler } from './commands/record-guardian-notification.command';

@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [CaseCommandsController, CaseQueriesController, CaseDocumentsController],
  providers: [
    CaseCommandService,
    CaseReader,
    ReceiveCaseHandler,
    RecordGuardianNotificationHandler,
    AttachDocumentHandler,
    ...PASS_THROUGH_HANDLERS,
  ],
  exports: [CaseCommandService],
})
export class CasesModule {}
