import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { listableCases } from '../../queries/case-visibility';
import { dashboardFigures, onTimeTrend } from '../../queries/dashboard-figures';
import { CLOCK } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { dashboardView } from './dashboard-view';

/** The dashboard: open cases at a glance and how promptly they are handled, each figure linked to its cases. */
@Controller('dashboard')
@ConsolePages()
export class DashboardPageController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async dashboard(@ConsoleContext() { actor }: RequestContext, @Res() response: Response) {
    const store = this.projections.store();
    const figures = await dashboardFigures(
      store,
      this.decider.calendar,
      listableCases(actor),
      this.clock(),
    );
    const trend = await onTimeTrend(store, figures.month);
    response.render('dashboard/dashboard', {
      pageTitle: 'Dashboard',
      ...dashboardView(figures, trend, this.decider.policy),
    });
  }
}
