import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Clock } from '#event-store';
import type { RequestContext } from '../../http/request-context';
import { reportFile } from '../../reports/report-export';
import { MAX_MONTHLY_REPORT_MONTHS } from '../../reports/report-period';
import { ReportReader, requireReportReader } from '../../reports/report-reader';
import { annualTable, monthlyTable } from '../../reports/report-tables';
import { CLOCK } from '../../storage/storage';
import { formErrors } from '../forms/field-errors';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { readMonthsForm, readYearForm } from './report-period-form';
import { annualTables, monthlyTables } from './report-views';

/** A report page's downloads: `/reports/monthly.csv`, `/reports/annual.xlsx`; nothing else. */
export function downloadFormat(format: string): 'csv' | 'xlsx' {
  if (format === 'csv' || format === 'xlsx') return format;
  throw new NotFoundException(`There is no ${format} download of this report.`);
}

/** The reports index, and the monthly and annual reports: on screen, printable, and as downloads. */
@Controller('reports')
@ConsolePages()
export class ReportPagesController {
  constructor(
    private readonly reports: ReportReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  index(@ConsoleContext() { actor }: RequestContext, @Res() response: Response) {
    requireReportReader(actor);
    response.render('reports/index', { pageTitle: 'Reports' });
  }

  @Get('monthly')
  async monthly(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const form = readMonthsForm(query, MAX_MONTHLY_REPORT_MONTHS);
    const report = await this.reports.monthly(actor, form.asked);
    const shown = formErrors(form.errors);
    const period = new URLSearchParams({ from: report.from, to: report.to });
    response.render('reports/monthly', {
      pageTitle: monthlyTable(report).title,
      errors: shown.list,
      fieldErrors: shown.byField,
      typed: form.typed,
      report,
      tables: monthlyTables(report),
      producedAt: this.clock(),
      downloads: { csv: `/reports/monthly.csv?${period}`, xlsx: `/reports/monthly.xlsx?${period}` },
    });
  }

  @Get('monthly.:format')
  async monthlyDownload(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Param('format') format: string,
  ) {
    const { asked } = readMonthsForm(query, MAX_MONTHLY_REPORT_MONTHS);
    const report = await this.reports.monthly(actor, asked);
    return reportFile(monthlyTable(report), downloadFormat(format), this.clock());
  }

  @Get('annual')
  async annual(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const form = readYearForm(query);
    const report = await this.reports.annual(actor, form.year);
    const shown = formErrors(form.errors);
    response.render('reports/annual', {
      pageTitle: annualTable(report).title,
      errors: shown.list,
      fieldErrors: shown.byField,
      typed: form.typed,
      report,
      tables: annualTables(report),
      producedAt: this.clock(),
      downloads: {
        csv: `/reports/annual.csv?year=${report.year}`,
        xlsx: `/reports/annual.xlsx?year=${report.year}`,
      },
    });
  }

  @Get('annual.:format')
  async annualDownload(
    @ConsoleContext() { actor }: RequestContext,
    @Query() query: Record<string, unknown>,
    @Param('format') format: string,
  ) {
    const report = await this.reports.annual(actor, readYearForm(query).year);
    return reportFile(annualTable(report), downloadFormat(format), this.clock());
  }
}
