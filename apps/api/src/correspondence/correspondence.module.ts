import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { LetterTemplates } from './letter-templates';
import { LetterWriter } from './letter-writer.service';
import { MailOutbox } from './mail-outbox.service';

/** Writing to complainants: the policy's letter templates (checked at start), the writer, and the outbox's dispatcher. */
@Module({
  imports: [CasesModule],
  providers: [
    {
      provide: LetterTemplates,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new LetterTemplates(config.policy, config.correspondence.templatesFolder),
    },
    LetterWriter,
    MailOutbox,
  ],
  exports: [LetterWriter, MailOutbox],
})
export class CorrespondenceModule {}
