import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ActorNotPermittedError, mayManagePersonalData, type CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { QueueQuery, ReadSide } from '#read-models';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { CLOCK } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import {
  dueRows,
  heldRows,
  RETENTION_LOOKAHEAD_DAYS,
  RETENTION_PAGE,
  RETENTION_PAGE_ROWS,
  retentionHorizon,
} from './retention-view';

/**
 * What the retention job will erase in the next 30 days, and the cases it will not because
 * they are held: for the data-protection role only (anyone else gets "not allowed", as the
 * role's commands would answer). References and dates only: no personal data.
 */
@Controller(RETENTION_PAGE.slice(1))
@ConsolePages()
export class RetentionPageController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async show(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    if (!mayManagePersonalData(context.actor))
      throw new ActorNotPermittedError(
        'data-protection-only',
        'Only the data-protection role can see what is due for erasure.',
      );
    const { policy, calendar } = this.decider;
    const now = this.clock();
    const list = (filter: Partial<QueueQuery>) =>
      this.projections.store().page({
        status: [], // any status: the filters say which
        sort: 'receivedAt',
        limit: RETENTION_PAGE_ROWS,
        now: now.toISOString(),
        visibility: { scope: 'all' }, // the role's, for references and dates only
        ...filter,
      });
    const [due, held] = await Promise.all([
      list({ retentionDueBy: retentionHorizon(now, calendar) }),
      list({ underLegalHold: true }),
    ]);
    response.render('data-protection/retention', {
      pageTitle: 'Retention',
      years: policy.retention.personalDataYearsAfterClosure,
      lookahead: RETENTION_LOOKAHEAD_DAYS,
      due: dueRows(due.items, policy, calendar, now),
      dueTruncated: due.next !== null,
      held: heldRows(held.items, policy.timeZone),
      heldTruncated: held.next !== null,
      limit: RETENTION_PAGE_ROWS,
    });
  }
}
