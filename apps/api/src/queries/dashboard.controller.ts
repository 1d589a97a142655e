import { ApiController } from '../http/api-controller.decorator';
import { Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseDecider } from '#domain';
import { DUE_SOON_WORKING_DAYS, listableCases } from './case-visibility';
import { dashboardFigures } from './dashboard-figures';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
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
    const { open, dueSoonBy, thisMonth, month } = await dashboardFigures(
      this.projections.store(),
      this.decider.calendar,
      listableCases(actor),
      this.clock(),
    );
    return {
      open: {
        total: open.total,
        byKind: open.byKind,
        byStage: open.byStage,
        byStatus: open.byStatus,
      },
      overdue: open.overdue,
      dueSoon: {
        withinWorkingDays: DUE_SOON_WORKING_DAYS,
        by: dueSoonBy.toISOString(),
        count: open.dueSoon,
      },
      unassigned: open.unassigned,
      thisMonth: { month, ...thisMonth.overall },
    };
  }
}
