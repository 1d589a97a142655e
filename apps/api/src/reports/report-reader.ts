import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { monthsAfter, monthsBetween } from '#calendar';
import { mayReadReports, type Actor, type CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import type { ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { PROJECTIONS } from '../projections/projections.module';
import { CLOCK } from '../storage/storage';
import { annualReport, monthlyReport, themesReport } from './report-figures';
import { learningPointsReport } from './learning-points';
import { MAX_MONTHLY_REPORT_MONTHS, MAX_THEME_MONTHS, reportMonths } from './report-period';

/** Reports and themes are for quality, managers and auditors: refused (403) to anyone else. */
export function requireReportReader(actor: Actor): void {
  if (!mayReadReports(actor))
    throw new ForbiddenException('Reports are for quality, managers and auditors.');
}

/** A report's period as asked for; absent parts take the defaults of the report. */
export interface MonthsAsked {
  from?: string;
  to?: string;
}

/**
 * The reports, for the API and the console alike: who may read them, their default
 * periods, and their figures from the read models.
 */
@Injectable()
export class ReportReader {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** This month in the policy's time zone. */
  thisMonth(): string {
    return this.decider.calendar.localDateOf(this.clock()).slice(0, 7);
  }

  /** One month or a run of months (default: this month). */
  async monthly(actor: Actor, { from, to }: MonthsAsked) {
    requireReportReader(actor);
    const last = to ?? from ?? this.thisMonth();
    const months = reportMonths(from ?? last, last, MAX_MONTHLY_REPORT_MONTHS);
    const store = this.projections.store();
    const each = await Promise.all(months.map((month) => store.facts([month])));
    const whole = months.length === 1 ? each[0] : await store.facts(months);
    return monthlyReport(
      this.decider.policy,
      months.map((month, index) => ({ month, facts: each[index] })),
      whole,
    );
  }

  /** The Board's report of the formal complaints of one year (default: this year). */
  async annual(actor: Actor, year: number = Number(this.thisMonth().slice(0, 4))) {
    requireReportReader(actor);
    const facts = await this.projections
      .store()
      .facts(monthsBetween(`${year}-01`, `${year}-12`), { kind: 'complaint', formality: 'formal' });
    return annualReport(year, this.decider.policy, facts);
  }

  /** Learning points by theme (default: the twelve months to this one). */
  async learning(actor: Actor, asked: MonthsAsked) {
    requireReportReader(actor);
    const to = asked.to ?? this.thisMonth();
    const months = reportMonths(asked.from ?? monthsAfter(to, -11), to, MAX_THEME_MONTHS);
    const { calendar, policy } = this.decider;
    return learningPointsReport(this.projections.store(), months, {
      calendar,
      policy,
      now: this.clock(),
    });
  }

  /** Categories by month (default: the twelve months to this one). */
  async themes(actor: Actor, asked: MonthsAsked) {
    requireReportReader(actor);
    const to = asked.to ?? this.thisMonth();
    const months = reportMonths(asked.from ?? monthsAfter(to, -11), to, MAX_THEME_MONTHS);
    return themesReport(months, await this.projections.store().themes(months));
  }
}
