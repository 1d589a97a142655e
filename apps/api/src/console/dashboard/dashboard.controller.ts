import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailQueue } from '../../correspondence/mail-queue';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { listableCases } from '../../queries/case-visibility';
import { dashboardFigures, onTimeTrend } from '../../queries/dashboard-figures';
import { CHAIN_AUDIT_RESULTS, CLOCK } from '../../storage/storage';
import type { ChainAuditResults } from '#scheduling';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { dashboardView, integrityView, mailAlertView } from './dashboard-view';

/** The dashboard: open cases at a glance and how promptly they are handled, each figure linked to its cases. */
@Controller('dashboard')
@ConsolePages()
export class DashboardPageController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CHAIN_AUDIT_RESULTS) private readonly chainAudits: ChainAuditResults,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailQueue,
  ) {}

  @Get()
  async dashboard(@ConsoleContext() { actor }: RequestContext, @Res() response: Response) {
    const store = this.projections.store();
    const visibility = listableCases(actor);
    const figures = await dashboardFigures(store, this.decider.calendar, visibility, this.clock());
    const [trend, audit, queue] = await Promise.all([
      onTimeTrend(store, figures.month),
      this.chainAudits.latest(),
      this.mail.current(),
    ]);
    const seesEveryCase = visibility.scope === 'all';
    response.render('dashboard/dashboard', {
      pageTitle: 'Dashboard',
      ...dashboardView(figures, trend, this.decider.policy),
      integrity: integrityView(audit, seesEveryCase),
      mail: mailAlertView(queue, seesEveryCase ? queue.references : new Map(), {
        sending: this.config.correspondence.smtpUrl !== null,
        seesEveryCase,
      }),
    });
  }
}
