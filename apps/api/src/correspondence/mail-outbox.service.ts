import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CaseCommandService } from '../cases/case-command.service';
import { STORAGE, type Storage } from '../storage/storage';
import { MailDispatcher, realTimers } from './mail-dispatcher';
import { smtpTransport } from './mail-transport';

/**
 * Runs the mail dispatcher where the scheduled work runs (not on `api` replicas), once a
 * mail server is configured; without one, letters' e-mails wait in the outbox (the events).
 */
@Injectable()
export class MailOutbox implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Mail');
  readonly dispatcher: MailDispatcher | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(STORAGE) storage: Storage,
    cases: CaseCommandService,
  ) {
    const { smtpUrl, mailFrom } = config.correspondence;
    this.dispatcher =
      smtpUrl === null || mailFrom === null || config.role === 'api'
        ? null
        : new MailDispatcher({
            events: storage.events,
            checkpoints: storage.checkpoints,
            leases: storage.leases,
            cases,
            transport: smtpTransport(smtpUrl),
            settings: { from: mailFrom, host: config.console.publicUrl.hostname },
            timers: realTimers,
            holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
            log: (message) => this.logger.warn(message),
          });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher?.stop();
  }
}
