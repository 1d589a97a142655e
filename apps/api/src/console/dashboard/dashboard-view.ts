import type { Month } from '#calendar';
import type { ChainAuditResult } from '#scheduling';
import type { Policy } from '#domain';
import type { MailQueueState, QueuedEmail } from '../../correspondence/mail-queue';
import type { DashboardFigures, OnTime } from '../../queries/dashboard-figures';
import { DUE_SOON_WORKING_DAYS } from '../../queries/case-visibility';
import type { Timeliness } from '../../reports/report-figures';
import { barChart, lineChart, type LinePoint } from '../charts/svg-chart';
import { keysMissingInWords, RESTORE_CASE_KEYS } from '../rendering/missing-keys-words';
import { capitalised, emailsInWords, KIND_WORDS, STATUS_WORDS } from '../rendering/vocabulary';
import { periodInWords, periodOf } from '../worklist/report-figure';
import { OPEN_STATUSES, worklistAddress, type WorklistRequest } from '../worklist/worklist-filters';

/** A figure on the dashboard and the worklist address of the cases behind it. */
export interface LinkedFigure {
  label: string;
  count: number;
  href: string;
}

/** An on-time rate in words and the cases it counts. */
export interface RateFigure {
  /** "85%" or "none". */
  rate: string;
  /** Whether any fell due: a rate of none has no cases to list. */
  due: boolean;
  /** "17 of 20 on time". */
  counts: string;
  href: string;
}

type OnTimeTrend = {
  months: Month[];
  byMonth: Array<OnTime & { month: Month }>;
  together: OnTime;
};

/** The worklist's address: all open cases in its default order, with these filters. */
const open = (changes: Partial<Record<keyof WorklistRequest, string | number>>) =>
  worklistAddress({ tab: 'open', sort: 'dueBy' }, { sort: undefined, ...changes });

const figureAddress = (metric: string, months: readonly Month[]) =>
  open({ figure: metric, period: periodOf(months) });

export const percent = (rate: number | null) =>
  rate === null ? 'none' : `${Math.round(rate * 100)}%`;

function rateFigure(
  timeliness: Timeliness | undefined,
  metric: string,
  months: readonly Month[],
): RateFigure {
  const all = timeliness ? timeliness.onTime + timeliness.late + timeliness.recordedLate : 0;
  return {
    rate: percent(timeliness?.onTimeRate ?? null),
    due: all > 0,
    counts: all === 0 ? 'none due' : `${timeliness!.onTime} of ${all} on time`,
    href: figureAddress(metric, months),
  };
}

function openFigures(figures: DashboardFigures, policy: Policy) {
  const { open: counts } = figures;
  return {
    headline: [
      { label: 'Open', count: counts.total, href: open({}) },
      { label: 'Overdue', count: counts.overdue, href: open({ tab: 'overdue' }) },
      {
        label: `Due in the next ${DUE_SOON_WORKING_DAYS} working days`,
        count: counts.dueSoon,
        href: open({ tab: 'due-soon' }),
      },
      { label: 'Unassigned', count: counts.unassigned, href: open({ tab: 'unassigned' }) },
    ],
    byStage: policy.complaints.stages.map((stage) => ({
      label: stage.name,
      count: counts.byStage[String(stage.stage)] ?? 0,
      href: open({ stage: stage.stage }),
    })),
    byStatus: OPEN_STATUSES.map((status) => ({
      label: STATUS_WORDS[status],
      count: counts.byStatus[status] ?? 0,
      href: open({ status }),
    })),
    byKind: Object.entries(KIND_WORDS).map(([kind, words]) => ({
      label: `${capitalised(words)}s`,
      count: counts.byKind[kind] ?? 0,
      href: open({ kind }),
    })),
  };
}

/** Per stage: this month's and the last months' rates, acknowledgements and responses. */
function onTimeRows(figures: DashboardFigures, trend: OnTimeTrend, policy: Policy) {
  const thisMonth = [figures.month];
  return policy.complaints.stages.map(({ stage, name }) => {
    const key = `stage-${stage}`;
    const rates = (noun: 'acknowledgements' | 'responses') => ({
      thisMonth: rateFigure(figures.thisMonth[noun][key], `${noun}.${key}`, thisMonth),
      lastMonths: rateFigure(trend.together[noun][key], `${noun}.${key}`, trend.months),
    });
    return {
      stage: name,
      acknowledgements: rates('acknowledgements'),
      responses: rates('responses'),
    };
  });
}

function trendPoints(
  trend: OnTimeTrend,
  noun: 'acknowledgements' | 'responses',
  policy: Policy,
): LinePoint[] {
  return trend.byMonth.flatMap((month) =>
    policy.complaints.stages.map(({ stage, name }) => {
      const rate = month[noun][`stage-${stage}`]?.onTimeRate ?? null;
      return { month: month.month, series: name, value: rate === null ? null : rate * 100 };
    }),
  );
}

const listed = (figures: readonly LinkedFigure[]) =>
  figures.map((figure) => `${figure.label}: ${figure.count}`).join('; ');

function charts(view: ReturnType<typeof openFigures>, trend: OnTimeTrend, policy: Policy) {
  const period = periodInWords(trend.months);
  const line = (noun: 'acknowledgements' | 'responses') =>
    lineChart(
      trendPoints(trend, noun, policy),
      {
        title: `${capitalised(noun)} on time by stage, ${period}`,
        description: `The share of ${noun} made by their deadline each month, a line per stage; the table below gives the figures.`,
      },
      { yLabel: '% on time', percent: true },
    );
  return {
    byStage: barChart(
      view.byStage,
      { title: 'Open complaints by stage', description: listed(view.byStage) },
      'Open complaints',
    ),
    byStatus: barChart(
      view.byStatus,
      { title: 'Open cases by status', description: listed(view.byStatus) },
      'Open cases',
    ),
    acknowledgements: line('acknowledgements'),
    responses: line('responses'),
  };
}

/** The trend as a table: a row per month, a column per stage. */
function trendTable(trend: OnTimeTrend, noun: 'acknowledgements' | 'responses', policy: Policy) {
  return trend.byMonth.map((month) => ({
    month: periodInWords([month.month]),
    stages: policy.complaints.stages.map(({ stage }) =>
      rateFigure(month[noun][`stage-${stage}`], `${noun}.stage-${stage}`, [month.month]),
    ),
  }));
}

/** Everything the dashboard page shows: figures with their links, charts and tables. */
export function dashboardView(figures: DashboardFigures, trend: OnTimeTrend, policy: Policy) {
  const view = openFigures(figures, policy);
  return {
    ...view,
    month: periodInWords([figures.month]),
    trendPeriod: periodInWords(trend.months),
    stageNames: policy.complaints.stages.map((stage) => stage.name),
    onTime: onTimeRows(figures, trend, policy),
    trendTables: {
      acknowledgements: trendTable(trend, 'acknowledgements', policy),
      responses: trendTable(trend, 'responses', policy),
    },
    charts: charts(view, trend, policy),
  };
}

/** The cases the last chain-audit found with sealed personal data and no key, for the dashboard. */
function keysMissingView(last: ChainAuditResult, seesEveryCase: boolean) {
  const missing = last.keysMissing ?? [];
  if (missing.length === 0) return null;
  return {
    summary: `${keysMissingInWords(missing.length)}. ${RESTORE_CASE_KEYS}, or ask your administrator.`,
    cases: seesEveryCase
      ? missing.flatMap(({ reference }) =>
          reference === null ? [] : [{ reference, href: `/cases/${reference}` }],
        )
      : [],
  };
}

/**
 * What the last chain-audit found, for the dashboard: an alert when any case's record does
 * not verify, another when any case's personal data cannot be read for want of its key. Only
 * people who see every case are told which cases (by reference, linked to them); to others, a
 * case they may not see is not named.
 */
export function integrityView(last: ChainAuditResult | null, seesEveryCase: boolean) {
  if (!last) return null;
  const broken = last.broken.length;
  const keysMissing = keysMissingView(last, seesEveryCase);
  return {
    checkedAt: last.finishedAt,
    casesChecked: last.casesChecked,
    broken,
    summary:
      broken === 1
        ? 'The record of 1 case does not verify: it may have been changed outside CLF.'
        : `The records of ${broken} cases do not verify: they may have been changed outside CLF.`,
    cases: seesEveryCase
      ? last.broken
          .filter((chain) => chain.reference !== null)
          .map((chain) => ({
            reference: chain.reference!,
            revision: chain.brokenAtRevision,
            href: `/cases/${chain.reference}/history`,
          }))
      : [],
    keysMissing,
    /** Every chain holds and every sealed case has its key: the dashboard says so quietly. */
    allVerified: broken === 0 && keysMissing === null,
  };
}

/**
 * The outbox, for the dashboard: an alert when e-mails to complainants failed, or wait although
 * a mail server is set (without one, waiting is expected: the administrators' outbox page says
 * so). As with the chain-audit, only people who see every case are told which cases.
 */
export function mailAlertView(
  queue: MailQueueState,
  references: ReadonlyMap<string, string>,
  { sending, seesEveryCase }: { sending: boolean; seesEveryCase: boolean },
) {
  const waiting = sending ? queue.waiting.length : 0;
  const failed = queue.failed.length;
  if (waiting === 0 && failed === 0) return null;
  const parts = [
    ...(failed ? [`${emailsInWords(failed)} to complainants failed`] : []),
    ...(waiting ? [`${emailsInWords(waiting)} to complainants waiting to go`] : []),
  ];
  const named = (emails: readonly QueuedEmail[], state: string) =>
    seesEveryCase
      ? emails.flatMap((email) => {
          const reference = references.get(email.caseId);
          return reference ? [{ reference, state, href: `/cases/${reference}/letters` }] : [];
        })
      : [];
  return {
    summary: `${capitalised(parts.join(', and '))}.`,
    cases: [
      ...named(queue.failed, 'e-mail failed'),
      ...(sending ? named(queue.waiting, 'e-mail waiting') : []),
    ],
  };
}
