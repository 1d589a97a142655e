import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Clock } from '#event-store';
import type { RequestContext } from '../../http/request-context';
import { reportFile } from '../../reports/report-export';
import { MAX_MONTHLY_REPORT_MONTHS } from '../../reports/report-period';
import { ReportReader, requireReportReader } from '../../reports/report-reader';
import { annualTable, monthlyTable } from '../../reports/report-tables';
import { CLOCK } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { readMonthsForm, readYearForm } from './report-period-form';
import { annualTables, monthlyTables, reportPage } from './report-views';

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
    const period = { from: report.from, to: report.to };
    response.render('reports/monthly', {
      ...reportPage('/reports/monthly', monthlyTable(report), form, period, this.clock()),
      report,
      tables: monthlyTables(report),
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
    const period = { year: String(report.year) };
    response.render('reports/annual', {
      ...reportPage('/reports/annual', annualTable(report), form, period, this.clock()),
      report,
      tables: annualTables(report),
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
