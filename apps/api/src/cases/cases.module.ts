import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseCommandService } from './case-command.service';
import { CaseReader } from './case-reader.service';
import { AttachDocumentHandler } from './commands/attach-document.command';
import { PASS_THROUGH_HANDLERS } from './commands/pass-through-commands';
import { ReceiveCaseHandler } from './commands/receive-case.command';
import { RecordGuardianNotificationHandler } from './commands/record-guardian-notification.command';
import { UploadSlots } from './upload-slots';

/** The command path (one CQRS handler per command) and the case reader; their HTTP controllers are the app's. */
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    CaseCommandService,
    CaseReader,
    ReceiveCaseHandler,
    RecordGuardianNotificationHandler,
    AttachDocumentHandler,
    ...PASS_THROUGH_HANDLERS,
    { provide: UploadSlots, useFactory: () => new UploadSlots() },
  ],
  exports: [CaseCommandService, CaseReader, UploadSlots],
})
export class CasesModule {}
