import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailQueue } from '../../correspondence/mail-queue';
import type { RequestContext } from '../../http/request-context';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { requireAdministrator } from './admin-access';
import { outboxView } from './outbox-view';

/** The outbox for administrators: e-mails to complainants waiting to go, and those that failed. */
@Controller('admin/outbox')
@ConsolePages()
export class OutboxPageController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: MailQueue,
  ) {}

  @Get()
  async show(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    const queue = await this.queue.current();
    response.render('admin/outbox', {
      pageTitle: 'Outbox',
      ...outboxView(queue, queue.references, this.config.correspondence.smtpUrl !== null),
    });
  }
}
