import {
  capitalised,
  CHANNEL_WORDS,
  CLOSE_REASON_WORDS,
  DEADLINE_WORDS,
  KIND_WORDS,
  OUTCOME_WORDS,
} from '../console/rendering/vocabulary';
import type {
  AnnualReport,
  MonthlyFigures,
  MonthlyReport,
  ThemesReport,
  Timeliness,
} from './report-figures';
import type { LearningPointsReport } from './learning-points';

/** A cell of a report table: text, a number, or nothing. */
export type Cell = string | number | null;

/**
 * A report as one tidy table: a row per period and figure, headed columns. The CSV is this
 * table; the Excel workbook has a sheet per section of it; the page shows it pivoted.
 */
export interface ReportTable {
  /** What and when: "Monthly report, 2026-01 to 2026-12". */
  title: string;
  /** The downloads' file name, without its extension. */
  fileName: string;
  columns: ReadonlyArray<{ key: string; header: string }>;
  rows: Array<Record<string, Cell>>;
  /** The column whose values the workbook splits into sheets, if any. */
  sheetsBy?: string;
}

/** A figure of a report: what it is, at which stage, how many and what share. */
export interface FigureRow {
  section: string;
  figure: string;
  /** The stage's name from the policy; empty when the figure is not about a stage. */
  stage: string;
  number: number | null;
  /** 0–100, to one decimal place; null where a share means nothing. */
  percentage: number | null;
}

/** `part` as a percentage of `whole`, to one decimal place, or null when there is no whole. */
export const percentOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

const wordsFor = (words: Record<string, string>, code: string) => capitalised(words[code] ?? code);

const FORMALITY_WORDS: Record<string, string> = { formal: 'formal', informal: 'informal' };

const LATE_ACT_WORDS: Record<string, string> = {
  escalation: 'requests for the next stage',
  correspondence: 'letters and messages',
};

/** Rows of counts by code, each as a share of `whole` (or of their sum), or none. */
function shares(
  section: string,
  counts: Record<string, number>,
  words: (code: string) => string,
  whole: number | 'none' = Object.values(counts).reduce((a, b) => a + b, 0),
): FigureRow[] {
  return Object.entries(counts).map(([code, number]) => ({
    section,
    figure: words(code),
    stage: '',
    number,
    percentage: whole === 'none' ? null : percentOf(number, whole),
  }));
}

function timelinessRows(
  section: string,
  byStage: Record<string, Timeliness>,
  stageNames: Record<string, string>,
): FigureRow[] {
  return Object.entries(byStage).flatMap(([stage, t]) => {
    const all = t.onTime + t.late + t.recordedLate;
    const row = (figure: string, number: number): FigureRow => ({
      section,
      figure,
      stage: stageNames[stage] ?? stage,
      number,
      percentage: percentOf(number, all),
    });
    return [row('On time', t.onTime), row('Late', t.late), row('Recorded late', t.recordedLate)];
  });
}

function medianRows(
  medians: { acknowledge: Record<string, number | null>; respond: Record<string, number | null> },
  stageNames: Record<string, string>,
): FigureRow[] {
  const rows = (figure: string, byStage: Record<string, number | null>) =>
    Object.entries(byStage).map(([stage, number]) => ({
      section: 'Median working days',
      figure,
      stage: stageNames[stage] ?? stage,
      number,
      percentage: null,
    }));
  return [...rows('To acknowledge', medians.acknowledge), ...rows('To respond', medians.respond)];
}

/** `to-stage-3` → the name of stage 3. */
const escalationStage = (key: string, stageNames: Record<string, string>) =>
  stageNames[key.replace(/^to-/, '')] ?? key;

function escalationRows(
  escalations: Record<string, number>,
  stageNames: Record<string, string>,
): FigureRow[] {
  return Object.entries(escalations).map(([to, number]) => ({
    section: 'Moved to a later stage',
    figure: 'Moved to this stage',
    stage: escalationStage(to, stageNames),
    number,
    percentage: null,
  }));
}

/** `response.stage-2` → Response deadline, at stage 2's name. */
function extensionRows(
  extended: Record<string, number>,
  stageNames: Record<string, string>,
): FigureRow[] {
  return Object.entries(extended).map(([key, number]) => {
    const [kind, stage] = key.split('.');
    return {
      section: 'Deadlines extended',
      figure: `${wordsFor(DEADLINE_WORDS, kind)} deadlines extended`,
      stage: stageNames[stage] ?? stage,
      number,
      percentage: null,
    };
  });
}

const single = (section: string, figure: string, number: number): FigureRow => ({
  section,
  figure,
  stage: '',
  number,
  percentage: null,
});

/** One month's (or a run's) figures as rows, in the order a reader takes them in. */
export function monthlyFigureRows(
  figures: MonthlyFigures,
  stageNames: Record<string, string>,
): FigureRow[] {
  const { received } = figures;
  return [
    single('Received', 'All feedback received', received.total),
    ...shares('Received by kind', received.byKind, (c) => wordsFor(KIND_WORDS, c), received.total),
    ...shares(
      'Received by formality',
      received.byFormality,
      (c) => wordsFor(FORMALITY_WORDS, c),
      received.byKind.complaint ?? 0,
    ),
    ...shares(
      'Received by channel',
      received.byChannel,
      (c) => wordsFor(CHANNEL_WORDS, c),
      received.total,
    ),
    ...shares('Received by category', received.byCategory, (c) => c, 'none'),
    ...timelinessRows('Acknowledgements', figures.acknowledgements, stageNames),
    ...timelinessRows('Responses', figures.responses, stageNames),
    ...escalationRows(figures.escalations, stageNames),
    ...extensionRows(figures.deadlinesExtended, stageNames),
    ...shares('Outcomes of responses', figures.outcomes, (c) => wordsFor(OUTCOME_WORDS, c)),
    ...shares('Closed', figures.closed.byReason, (c) => wordsFor(CLOSE_REASON_WORDS, c)),
    single('External referrals', 'Referred to the external body', figures.externalReferrals),
    single('Reopened', 'Cases reopened', figures.reopened),
    ...shares(
      'Recorded after the window closed',
      figures.recordedAfterWindowClosed,
      (c) => wordsFor(LATE_ACT_WORDS, c),
      'none',
    ),
    ...medianRows(figures.medianWorkingDays, stageNames),
  ];
}

const FIGURE_COLUMNS = [
  { key: 'section', header: 'Section' },
  { key: 'figure', header: 'Figure' },
  { key: 'stage', header: 'Stage' },
  { key: 'number', header: 'Number' },
  { key: 'percentage', header: 'Percentage' },
] as const;

/** The monthly report as one tidy table: a row per month and figure. */
export function monthlyTable(report: MonthlyReport): ReportTable {
  return {
    title:
      report.from === report.to
        ? `Monthly report, ${report.from}`
        : `Monthly report, ${report.from} to ${report.to}`,
    fileName:
      report.from === report.to
        ? `clf-monthly-${report.from}`
        : `clf-monthly-${report.from}-to-${report.to}`,
    columns: [{ key: 'month', header: 'Month' }, ...FIGURE_COLUMNS],
    rows: report.months.flatMap(({ month, ...figures }) =>
      monthlyFigureRows(figures, report.stageNames).map((row) => ({ month, ...row })),
    ),
    sheetsBy: 'section',
  };
}

/** The annual report's figures as rows, each with what it counts. */
export function annualFigureRows(report: AnnualReport): Array<FigureRow & { definition: string }> {
  const { definitions: say, stageNames } = report;
  const received = report.formalComplaintsReceived;
  const outcomeWords = (c: string) =>
    c === 'no-response' ? 'No response yet' : wordsFor(OUTCOME_WORDS, c);
  const defined = (definition: string, rows: FigureRow[]) =>
    rows.map((row) => ({ ...row, definition }));
  const { acknowledgements, responses } = report.onTime;
  return [
    ...defined(say.formalComplaintsReceived, [
      single('Formal complaints received', 'Received', received),
    ]),
    ...defined(
      say.finalOutcomes,
      shares('Final outcome', report.finalOutcomes, outcomeWords, received),
    ),
    ...defined(
      say.furthestStage,
      Object.entries(report.furthestStage).map(([stage, number]) => ({
        section: 'Furthest stage reached',
        figure: 'Reached this stage and no further',
        stage: stageNames[stage] ?? stage,
        number,
        percentage: percentOf(number, received),
      })),
    ),
    ...defined(say.referredExternally, [
      {
        ...single('Referred to the external body', 'Referred', report.referredExternally),
        percentage: percentOf(report.referredExternally, received),
      },
    ]),
    ...defined(say.onTime, [
      ...timelinessRows('Acknowledgements', acknowledgements.byStage, stageNames),
      ...timelinessRows('Responses', responses.byStage, stageNames),
    ]),
    ...defined(say.escalations, escalationRows(report.escalations, stageNames)),
    ...defined(
      say.closed,
      shares('Closed', report.closed, (c) => wordsFor(CLOSE_REASON_WORDS, c)),
    ),
    ...defined(
      say.themes,
      shares('Themes', report.themes, (c) => c, received),
    ),
    ...defined(
      say.recordedAfterWindowClosed,
      shares(
        'Recorded after the window closed',
        report.recordedAfterWindowClosed,
        (c) => wordsFor(LATE_ACT_WORDS, c),
        'none',
      ),
    ),
    ...defined(say.medianWorkingDays, medianRows(report.medianWorkingDays, stageNames)),
  ];
}

/** The annual report as one tidy table, with what each figure counts beside it. */
export function annualTable(report: AnnualReport): ReportTable {
  return {
    title: `Annual report of formal complaints, ${report.year}`,
    fileName: `clf-annual-${report.year}`,
    columns: [
      { key: 'year', header: 'Year' },
      ...FIGURE_COLUMNS,
      { key: 'definition', header: 'What it counts' },
    ],
    rows: annualFigureRows(report).map((row) => ({ year: report.year, ...row })),
    sheetsBy: 'section',
  };
}

/** Learning points as one table: a row per point and theme (a case under each of its categories). */
export function learningTable(report: LearningPointsReport): ReportTable {
  return {
    title: `Learning points, ${report.from} to ${report.to}`,
    fileName: `clf-learning-points-${report.from}-to-${report.to}`,
    columns: [
      { key: 'theme', header: 'Theme' },
      { key: 'reference', header: 'Case' },
      { key: 'saidOn', header: 'Said on' },
      { key: 'saidWhen', header: 'Said when' },
      { key: 'stage', header: 'Stage' },
      { key: 'learning', header: 'What we learned or changed' },
    ],
    rows: report.themes.flatMap(({ theme, points }) =>
      points.map((point) => ({
        theme,
        reference: point.reference,
        saidOn: point.saidOn,
        saidWhen: point.saidWhen,
        stage: point.stage ?? '',
        learning: point.text,
      })),
    ),
  };
}

/** Themes as one tidy table: a row per month and category. */
export function themesTable(report: ThemesReport): ReportTable {
  return {
    title: `Themes, ${report.from} to ${report.to}`,
    fileName: `clf-themes-${report.from}-to-${report.to}`,
    columns: [
      { key: 'month', header: 'Month' },
      { key: 'category', header: 'Category' },
      { key: 'cases', header: 'Cases' },
    ],
    rows: report.months.flatMap((month) =>
      report.categories.map(({ category, byMonth }) => ({
        month,
        category,
        cases: byMonth[month],
      })),
    ),
  };
}
