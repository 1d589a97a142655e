import { ApiController } from '../http/api-controller.decorator';
import { ForbiddenException, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { monthsAfter, monthsBetween, type Month } from '#calendar';
import { mayReadReports, type CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { ApiProblems } from '../http/api-problems.decorator';
import { InputValidationError } from '../http/problem';
import { Context, type RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
import { CLOCK } from '../storage/storage';
import { learningPointsCsv, learningPointsReport } from './learning-points';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** At most five years of learning points in one request. */
const MAX_MONTHS = 60;

export class LearningPointsRequest {
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

/** The months a request asks for, or what is wrong with them. */
export function requestedMonths(request: LearningPointsRequest, thisMonth: Month): Month[] {
  const to = request.to ?? thisMonth;
  const months = monthsBetween(request.from ?? monthsAfter(to, -11), to);
  if (months.length === 0)
    throw new InputValidationError([{ field: 'from', message: 'from must not be after to' }]);
  if (months.length > MAX_MONTHS)
    throw new InputValidationError([
      { field: 'from', message: `ask for at most ${MAX_MONTHS} months` },
    ]);
  return months;
}

/** Learning points by theme: what was learned or changed because of feedback. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 503)
@ApiController('reports/learning')
export class LearningPointsController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'What was learned or changed, by theme (JSON, or CSV with Accept: text/csv)',
  })
  @ApiProduces('application/json', 'text/csv')
  async learning(
    @Query() request: LearningPointsRequest,
    @Context() { actor }: RequestContext,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!mayReadReports(actor))
      throw new ForbiddenException('Reports are for quality, managers and auditors.');
    const now = this.clock();
    const { calendar, policy } = this.decider;
    const months = requestedMonths(request, calendar.localDateOf(now).slice(0, 7));
    const report = await learningPointsReport(this.projections.store(), months, {
      calendar,
      policy,
      now,
    });
    if (!accept?.includes('text/csv')) return report;
    response
      .type('text/csv')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="learning-points-${report.from}-to-${report.to}.csv"`,
      );
    return learningPointsCsv(report, policy.timeZone);
  }
}
