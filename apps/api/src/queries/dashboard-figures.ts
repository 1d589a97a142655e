import { monthsAfter, monthsBetween, type Month, type WorkingDayCalendar } from '#calendar';
import type { CaseVisibility } from '#domain';
import type { FactTotals, OpenCaseCounts, ReadModelStore } from '#read-models';
import { overall, timeliness, type Timeliness } from '../reports/report-figures';
import { dueSoonBy } from './case-visibility';

/** Acknowledgements and responses on time, per stage (`stage-1`, …) and in all. */
export interface OnTime {
  acknowledgements: Record<string, Timeliness>;
  responses: Record<string, Timeliness>;
  overall: { acknowledgements: Timeliness; responses: Timeliness };
}

/** What the dashboard shows, for the API and the console alike. */
export interface DashboardFigures {
  open: OpenCaseCounts;
  dueSoonBy: Date;
  month: Month;
  thisMonth: OnTime;
}

/** How many months the dashboard's trends and "last 12 months" figures cover, this one included. */
export const TREND_MONTHS = 12;

/** The report sections the on-time rates are worked out from. */
const ON_TIME_SECTIONS = { sections: ['acknowledgements', 'responses'] } as const;

function onTimeOf({ totals }: FactTotals): OnTime {
  const acknowledgements = timeliness(totals, 'acknowledgements');
  const responses = timeliness(totals, 'responses');
  return {
    acknowledgements,
    responses,
    overall: { acknowledgements: overall(acknowledgements), responses: overall(responses) },
  };
}

/**
 * Open cases the person may see (by kind, stage and status; overdue, due soon, unassigned)
 * and this month's on-time rates, which are the organisation's figures, not case content.
 */
export async function dashboardFigures(
  store: ReadModelStore,
  calendar: WorkingDayCalendar,
  visibility: CaseVisibility,
  now: Date,
): Promise<DashboardFigures> {
  const soon = dueSoonBy(calendar, now);
  const month = calendar.localDateOf(now).slice(0, 7);
  const [open, thisMonth] = await Promise.all([
    store.openCounts(visibility, now.toISOString(), soon.toISOString()),
    store.facts([month], ON_TIME_SECTIONS).then(onTimeOf),
  ]);
  return { open, dueSoonBy: soon, month, thisMonth };
}

/** The last `TREND_MONTHS` months to `month`: their on-time figures each, and together. */
export async function onTimeTrend(store: ReadModelStore, month: Month) {
  const months = monthsBetween(monthsAfter(month, 1 - TREND_MONTHS), month);
  const [byMonth, together] = await Promise.all([
    store.factsByMonth(months, ON_TIME_SECTIONS),
    store.facts(months, ON_TIME_SECTIONS),
  ]);
  return {
    months,
    byMonth: months.map((m) => ({ month: m, ...onTimeOf(byMonth.get(m)!) })),
    together: onTimeOf(together),
  };
}
