import { ApiController } from '../http/api-controller.decorator';
import {
  ForbiddenException,
  Get,
  Headers,
  Inject,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { mayReadReports, type Actor, type CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { ApiProblems } from '../http/api-problems.decorator';
import { InputValidationError } from '../http/problem';
import { Context, type RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
import { MinPositionHeader } from '../queries/case-queue.controller';
import { MinPositionInterceptor } from '../queries/min-position.interceptor';
import { CLOCK } from '../storage/storage';
import { monthsAfter, monthsBetween } from '#calendar';
import { annualReport, monthlyReport, monthlyReportCsv } from './report-figures';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;

class MonthlyReportRequest {
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  @ApiProperty({ required: false, example: '2026-11', description: 'Default: this month.' })
  month?: string;
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

/** At most this many months in one themes request. */
const MAX_THEME_MONTHS = 60;

@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 503)
@UseInterceptors(MinPositionInterceptor)
@ApiController('reports')
export class ReportsController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private allowed(actor: Actor): void {
    if (!mayReadReports(actor))
      throw new ForbiddenException('Reports are for quality, managers and auditors.');
  }

  private thisMonth(): string {
    return this.decider.calendar.localDateOf(this.clock()).slice(0, 7);
  }

  @Get('monthly')
  @MinPositionHeader()
  @ApiOperation({ summary: 'A month’s figures (JSON, or CSV with Accept: text/csv)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'Received, closed, on time vs late per stage, escalations, referrals, medians.',
  })
  async monthly(
    @Query() { month }: MonthlyReportRequest,
    @Context() { actor }: RequestContext,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    this.allowed(actor);
    const chosen = month ?? this.thisMonth();
    const report = monthlyReport(
      chosen,
      this.decider.policy.id,
      await this.projections.store().facts([chosen]),
    );
    if (accept?.includes('text/csv')) {
      response
        .type('text/csv')
        .setHeader('Content-Disposition', `attachment; filename="clf-${chosen}.csv"`);
      return monthlyReportCsv(report);
    }
    return report;
  }

  @Get('annual')
  @MinPositionHeader()
  @ApiOperation({ summary: 'The Board’s annual report of formal complaints' })
  async annual(@Query() { year }: AnnualReportRequest, @Context() { actor }: RequestContext) {
    this.allowed(actor);
    const chosen = Number(year ?? this.thisMonth().slice(0, 4));
    const facts = await this.projections
      .store()
      .facts(monthsBetween(`${chosen}-01`, `${chosen}-12`), {
        kind: 'complaint',
        formality: 'formal',
      });
    return annualReport(chosen, this.decider.policy.id, facts);
  }

  @Get('themes')
  @MinPositionHeader()
  @ApiOperation({ summary: 'Cases per category per month, for themes and trends' })
  async themes(@Query() request: ThemesRequest, @Context() { actor }: RequestContext) {
    this.allowed(actor);
    const to = request.to ?? this.thisMonth();
    const from = request.from ?? monthsAfter(to, -11);
    const months = monthsBetween(from, to);
    if (months.length === 0)
      throw new InputValidationError([{ field: 'from', message: 'from must not be after to' }]);
    if (months.length > MAX_THEME_MONTHS)
      throw new InputValidationError([
        { field: 'from', message: `ask for at most ${MAX_THEME_MONTHS} months` },
      ]);
    const rows = await this.projections.store().themes(months);
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(row.category, (totals.get(row.category) ?? 0) + row.count);
    return {
      from,
      to,
      categories: [...totals.entries()]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([category, total]) => ({
          category,
          total,
          byMonth: Object.fromEntries(
            months.map((m) => [
              m,
              rows.find((r) => r.month === m && r.category === category)?.count ?? 0,
            ]),
          ),
        })),
    };
  }
}
