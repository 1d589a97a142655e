import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Clock } from '#event-store';
import { InputValidationError } from '../../http/problem';
import type { RequestContext } from '../../http/request-context';
import { reportFile } from '../../reports/report-export';
import { MAX_THEME_MONTHS } from '../../reports/report-period';
import { ReportReader } from '../../reports/report-reader';
import { learningTable } from '../../reports/report-tables';
import { CLOCK } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { downloadFormat } from './report-pages.controller';
import { readMonthsForm } from './report-period-form';
import { reportPage } from './report-views';

/** Learning points by theme, for the people who report on what feedback changed. */
@Controller('reports')
@ConsolePages()
export class LearningPointsPageController {
  constructor(
    private readonly reports: ReportReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('learning')
  async page(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const form = readMonthsForm(query, MAX_THEME_MONTHS);
    // A `from` alone runs to this month, which it may be after: said, and the default shown.
    const report = await this.reports.learning(actor, form.asked).catch((refusal: unknown) => {
      if (!(refusal instanceof InputValidationError)) throw refusal;
      form.errors.push(...refusal.errors);
      return this.reports.learning(actor, {});
    });
    const period = { from: report.from, to: report.to };
    response.render('reports/learning-points', {
      ...reportPage('/reports/learning', learningTable(report), form, period, this.clock()),
      report,
    });
  }

  @Get('learning.:format')
  async download(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Param('format') format: string,
  ) {
    const report = await this.reports.learning(
      actor,
      readMonthsForm(query, MAX_THEME_MONTHS).asked,
    );
    return reportFile(learningTable(report), downloadFormat(format), this.clock());
  }
}
