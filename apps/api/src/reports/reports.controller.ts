import { ApiController } from '../http/api-controller.decorator';
import { Get, Inject, Query, Req, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import type { Clock } from '#event-store';
import { ApiProblems } from '../http/api-problems.decorator';
import { InputValidationError } from '../http/problem';
import { Context, type RequestContext } from '../http/request-context';
import { MinPositionHeader } from '../queries/case-queue.controller';
import { MinPositionInterceptor } from '../queries/min-position.interceptor';
import { CLOCK } from '../storage/storage';
import { EXCEL_MEDIA_TYPE, reportFile } from './report-export';
import { MONTH, YEAR } from './report-period';
import { ReportReader } from './report-reader';
import { chosenRepresentation, REPORT_MEDIA_TYPES } from './report-representation';
import {
  annualTable,
  learningTable,
  monthlyTable,
  themesTable,
  type ReportTable,
} from './report-tables';

class MonthlyReportRequest {
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  @ApiProperty({
    required: false,
    example: '2026-11',
    description: 'One month: the same as from and to both this month. Default: this month.',
  })
  month?: string;
  @IsOptional()
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  @ApiProperty({ required: false, example: '2026-01', description: 'Default: to.' })
  from?: string;
  @IsOptional()
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  @ApiProperty({
    required: false,
    example: '2026-12',
    description: 'Default: from, or this month.',
  })
  to?: string;
}

class AnnualReportRequest {
  @IsOptional()
  @Matches(YEAR, { message: 'year must be YYYY' })
  @ApiProperty({ required: false, example: '2026', description: 'Default: this year.' })
  year?: string;
}

class ThemesRequest {
  @IsOptional()
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  @ApiProperty({
    required: false,
    example: '2026-01',
    description: 'Default: eleven months before `to`.',
  })
  from?: string;
  @IsOptional()
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  @ApiProperty({ required: false, example: '2026-12', description: 'Default: this month.' })
  to?: string;
}

const NEGOTIATED =
  'JSON; CSV (`text/csv`: one table, a row per period and figure) or Excel (a sheet per section) as `Accept` prefers, q-values honoured; 406 for any other type.';

@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 406, 503)
@UseInterceptors(MinPositionInterceptor)
@ApiController('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The report as JSON, or its table as the CSV or workbook `Accept` prefers. */
  private async answer<Report>(
    request: Request,
    response: Response,
    report: Report,
    table: (report: Report) => ReportTable,
  ): Promise<Report | StreamableFile> {
    const type = chosenRepresentation(request);
    response.vary('Accept');
    if (type === 'application/json') return report;
    const format = type === EXCEL_MEDIA_TYPE ? 'xlsx' : 'csv';
    return reportFile(table(report), format, this.clock());
  }

  @Get('monthly')
  @MinPositionHeader()
  @ApiOperation({ summary: 'One month’s figures, or a run of months’', description: NEGOTIATED })
  @ApiProduces(...REPORT_MEDIA_TYPES)
  @ApiOkResponse({
    description:
      'Received, closed, on time vs late per stage, escalations, outcomes, referrals, medians: per month and for the whole run.',
  })
  async monthly(
    @Query() { month, from, to }: MonthlyReportRequest,
    @Context() { actor }: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (month && (from || to))
      throw new InputValidationError([
        { field: 'month', message: 'give either month, or from and to' },
      ]);
    const report = await this.reports.monthly(
      actor,
      month ? { from: month, to: month } : { from, to },
    );
    return this.answer(request, response, report, monthlyTable);
  }

  @Get('annual')
  @MinPositionHeader()
  @ApiOperation({
    summary: 'The Board’s annual report of formal complaints, each figure with what it counts',
    description: NEGOTIATED,
  })
  @ApiProduces(...REPORT_MEDIA_TYPES)
  async annual(
    @Query() { year }: AnnualReportRequest,
    @Context() { actor }: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.annual(actor, year === undefined ? undefined : Number(year));
    return this.answer(request, response, report, annualTable);
  }

  @Get('themes')
  @MinPositionHeader()
  @ApiOperation({
    summary: 'Cases per category per month, for themes and trends',
    description: NEGOTIATED,
  })
  @ApiProduces(...REPORT_MEDIA_TYPES)
  async themes(
    @Query() asked: ThemesRequest,
    @Context() { actor }: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.themes(actor, asked);
    return this.answer(request, response, report, themesTable);
  }

  @Get('learning')
  @MinPositionHeader()
  @ApiOperation({
    summary: 'What was learned or changed because of feedback, by theme',
    description: NEGOTIATED,
  })
  @ApiProduces(...REPORT_MEDIA_TYPES)
  async learning(
    @Query() asked: ThemesRequest,
    @Context() { actor }: RequestContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.learning(actor, asked);
    return this.answer(request, response, report, learningTable);
  }
}
