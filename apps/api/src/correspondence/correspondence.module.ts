import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { LetterTemplates } from './letter-templates';
import { LetterWriter } from './letter-writer.service';
import { MailOutbox } from './mail-outbox.service';
import { MailQueue } from './mail-queue';
import type { ReadSide } from '#read-models';
import { PROJECTIONS } from '../projections/projections.module';

/** Writing to complainants: the policy's letter templates (checked at start), the writer, the outbox's dispatcher, and the outbox as the console shows it. */
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
    {
      provide: MailQueue,
      inject: [PROJECTIONS],
      useFactory: (projections: ReadSide) => new MailQueue(projections),
    },
  ],
  exports: [LetterWriter, MailOutbox, MailQueue],
})
export class CorrespondenceModule {}
