import { ApiController } from '../http/api-controller.decorator';
import { Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseDecider } from '#domain';
import { DUE_SOON_WORKING_DAYS, dueSoonBy, listableCases } from './case-visibility';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
import { overall, timeliness } from '../reports/report-figures';
import { CLOCK } from '../storage/storage';
import { MinPositionHeader } from './case-queue.controller';
import { MinPositionInterceptor } from './min-position.interceptor';

@ApiTags('queues')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 503)
@UseInterceptors(MinPositionInterceptor)
@ApiController('dashboard')
export class DashboardController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @MinPositionHeader()
  @ApiOperation({
    summary:
      'Open cases by kind, stage and status; overdue, due soon, unassigned; this month’s on-time rates',
  })
  async dashboard(@Context() { actor }: RequestContext) {
    const visibility = listableCases(actor);
    const now = this.clock();
    const store = this.projections.store();
    const soon = dueSoonBy(this.decider.calendar, now);
    const counts = await store.openCounts(visibility, now.toISOString(), soon.toISOString());
    const month = this.decider.calendar.localDateOf(now).slice(0, 7);
    // On-time rates are organisation-wide figures, not case content: shown to everyone who sees cases.
    const { totals } = await store.facts([month]);
    return {
      open: {
        total: counts.total,
        byKind: counts.byKind,
        byStage: counts.byStage,
        byStatus: counts.byStatus,
      },
      overdue: counts.overdue,
      dueSoon: {
        withinWorkingDays: DUE_SOON_WORKING_DAYS,
        by: soon.toISOString(),
        count: counts.dueSoon,
      },
      unassigned: counts.unassigned,
      thisMonth: {
        month,
        acknowledgements: overall(timeliness(totals, 'acknowledgements')),
        responses: overall(timeliness(totals, 'responses')),
      },
    };
  }
}
