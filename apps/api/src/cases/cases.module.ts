import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PeopleModule } from '../people/people.module';
import { CaseCommandService } from './case-command.service';
import { CaseReader } from './case-reader.service';
import { AttachDocumentHandler } from './commands/attach-document.command';
import { CaseCommandHandler } from './commands/case-command.message';
import { ReceiveCaseHandler } from './commands/receive-case.command';
import { UploadSlots } from './upload-slots';

/**
 * The command path — one handler for every command on a case, and one each for receiving
 * a case and attaching an upload — and the case reader; their HTTP controllers are the app's.
 */
@Module({
  imports: [CqrsModule.forRoot(), PeopleModule],
  providers: [
    CaseCommandService,
    CaseReader,
    CaseCommandHandler,
    ReceiveCaseHandler,
    AttachDocumentHandler,
    { provide: UploadSlots, useFactory: () => new UploadSlots() },
  ],
  exports: [CaseCommandService, CaseReader, UploadSlots],
})
export class CasesModule {}
