import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CASE_STATUSES } from '#domain';
import type { Clock } from '#event-store';
import type { CaseSummary, QueueQuery, ReadSide } from '#read-models';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { InputValidationError, type FieldError } from '../../http/problem';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { listableCases } from '../../queries/case-visibility';
import { reportFile } from '../../reports/report-export';
import { datesOf, MAX_THEME_MONTHS, MONTH } from '../../reports/report-period';
import { ReportReader, requireReportReader } from '../../reports/report-reader';
import { themesTable } from '../../reports/report-tables';
import { CLOCK } from '../../storage/storage';
import { formText } from '../forms/form-text';
import { ConsolePages } from '../pages/console-page.decorator';
import { monthInWords } from '../rendering/people-time';
import { capitalised, KIND_WORDS, STATUS_WORDS } from '../rendering/vocabulary';
import { ConsoleContext } from '../sessions/console-request';
import { CSV_ROW_LIMIT, worklistCsv } from '../worklist/worklist-csv';
import { downloadFormat } from './report-pages.controller';
import { readMonthsForm } from './report-period-form';
import {
  reportPage,
  themesGrid,
  themesTrendChart,
  themeCasesAddress,
  worklistForMonth,
} from './report-views';
import { queueQueryFor } from '../worklist/worklist-filters';

/** The longest category a case may have is shorter; anything longer names no cell. */
const MAX_CATEGORY = 200;

/** Themes and trends: categories by month, and the cases behind each count. */
@Controller('reports')
@ConsolePages()
export class ThemesPagesController {
  constructor(
    private readonly reports: ReportReader,
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('themes')
  async themes(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const form = readMonthsForm(query, MAX_THEME_MONTHS);
    // A `from` alone runs to this month, which it may be after: said, and the default shown.
    const report = await this.reports.themes(actor, form.asked).catch((refusal: unknown) => {
      if (!(refusal instanceof InputValidationError)) throw refusal;
      form.errors.push(...refusal.errors);
      return this.reports.themes(actor, {});
    });
    const period = { from: report.from, to: report.to };
    response.render('reports/themes', {
      ...reportPage('/reports/themes', themesTable(report), form, period, this.clock()),
      report,
      grid: themesGrid(report),
      chart: report.categories.length > 0 ? themesTrendChart(report) : null,
    });
  }

  /** The cases behind one cell: one category, received in one month, open or closed. */
  @Get('themes/cases')
  async cases(
    @ConsoleContext() context: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const cell = this.cell(context, query);
    const rows = await this.casesIn(context, cell.category, cell.month);
    const worded = rows.map((row) => ({
      ...row,
      kindName: capitalised(KIND_WORDS[row.kind]),
      statusName: STATUS_WORDS[row.status],
    }));
    response.render('reports/theme-cases', {
      pageTitle: `${cell.category}: cases received in ${monthInWords(cell.month)}`,
      cell: { ...cell, monthName: monthInWords(cell.month) },
      rows: worded,
      limited: rows.length >= CSV_ROW_LIMIT,
      csv: themeCasesAddress(cell.category, cell.month, '.csv'),
      worklist: worklistForMonth(cell.category, cell.month),
    });
  }

  @Get('themes/cases.csv')
  async casesCsv(
    @ConsoleContext() context: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const { category, month } = this.cell(context, query);
    const rows = await this.casesIn(context, category, month);
    const name = `themes-${category.replace(/[^\w-]+/g, '-')}-${month}`.slice(0, 100);
    response
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${name}.csv"`)
      .send(worklistCsv(rows, this.config.policy.timeZone));
  }

  @Get('themes.:format')
  async download(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Param('format') format: string,
  ) {
    const { asked } = readMonthsForm(query, MAX_THEME_MONTHS);
    const report = await this.reports.themes(actor, asked);
    return reportFile(themesTable(report), downloadFormat(format), this.clock());
  }

  /** The cell asked for; a category or month that cannot be one is refused (400). */
  private cell({ actor }: RequestContext, query: Record<string, unknown>) {
    requireReportReader(actor);
    const category = formText(query.category, MAX_CATEGORY + 1);
    const month = formText(query.month);
    const errors: FieldError[] = [];
    if (category === '' || category.length > MAX_CATEGORY)
      errors.push({ field: 'category', message: 'Choose a category from the themes report' });
    if (!MONTH.test(month)) errors.push({ field: 'month', message: 'Enter a month like 2026-11' });
    if (errors.length > 0) throw new InputValidationError(errors);
    return { category, month };
  }

  /** Every case of the cell, oldest first, up to the download limit. */
  private async casesIn(
    { actor }: RequestContext,
    category: string,
    month: string,
  ): Promise<CaseSummary[]> {
    const { first, last } = datesOf(month);
    const now = this.clock();
    const worklist = queueQueryFor(
      { tab: 'open', category, receivedFrom: first, receivedTo: last, sort: 'receivedAt' },
      {
        personId: actor.id,
        visibility: listableCases(actor),
        now,
        dueSoonBy: now,
        timeZone: this.config.policy.timeZone,
        limit: 200,
      },
    );
    // Open or closed: the themes count every case received, whatever became of it.
    const query: QueueQuery = { ...worklist, status: [...CASE_STATUSES] };
    const rows: CaseSummary[] = [];
    for (let cursor: QueueQuery['cursor']; rows.length < CSV_ROW_LIMIT;) {
      const page = await this.projections.store().page({ ...query, cursor });
      rows.push(...page.items);
      if (!page.next) break;
      cursor = page.next;
    }
    return rows.slice(0, CSV_ROW_LIMIT);
  }
}
