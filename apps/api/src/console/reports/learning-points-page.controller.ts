import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { isMonth } from '#calendar';
import { ActorNotPermittedError, mayReadReports, type CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import { InputValidationError, type FieldError } from '../../http/problem';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { learningPointsCsv, learningPointsReport } from '../../reports/learning-points';
import { requestedMonths } from '../../reports/learning-points.controller';
import { CLOCK } from '../../storage/storage';
import { formErrors } from '../forms/field-errors';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { periodInWords } from '../worklist/report-figure';

const one = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** Learning points by theme, for the people who report on what feedback changed. */
@Controller('reports')
@ConsolePages()
export class LearningPointsPageController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The report for the months asked for (the last 12 by default), and what could not be used. */
  private async report(actor: RequestContext['actor'], query: Record<string, unknown>) {
    if (!mayReadReports(actor))
      throw new ActorNotPermittedError(
        'reports-only',
        'Reports are for quality, managers and auditors.',
      );
    const now = this.clock();
    const { calendar, policy } = this.decider;
    const thisMonth = calendar.localDateOf(now).slice(0, 7);
    const typed = { from: one(query.from), to: one(query.to) };
    const errors: FieldError[] = Object.entries(typed)
      .filter(([, value]) => value !== undefined && !isMonth(value))
      .map(([field]) => ({ field, message: 'Enter a month like 2026-01' }));
    let months = requestedMonths({}, thisMonth);
    if (errors.length === 0)
      try {
        months = requestedMonths(typed, thisMonth);
      } catch (error) {
        if (!(error instanceof InputValidationError)) throw error;
        errors.push(...error.errors);
      }
    const report = await learningPointsReport(this.projections.store(), months, {
      calendar,
      policy,
      now,
    });
    return { report, months, typed, errors };
  }

  @Get('learning')
  async page(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const { report, months, typed, errors } = await this.report(actor, query);
    const shown = formErrors(errors);
    response.render('reports/learning-points', {
      pageTitle: 'Learning points',
      errors: shown.list,
      fieldErrors: shown.byField,
      values: { from: typed.from ?? report.from, to: typed.to ?? report.to },
      period: periodInWords(months),
      report,
      csv: `/reports/learning.csv?from=${report.from}&to=${report.to}`,
    });
  }

  @Get('learning.csv')
  async csv(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const { report } = await this.report(actor, query);
    response
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="learning-points-${report.from}-to-${report.to}.csv"`,
      )
      .send(learningPointsCsv(report, this.decider.policy.timeZone));
  }
}
