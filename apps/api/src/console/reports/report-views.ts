import type { AnnualReport, MonthlyReport, ThemesReport } from '../../reports/report-figures';
import { datesOf } from '../../reports/report-period';
import type { FieldError } from '../../http/problem';
import {
  annualFigureRows,
  type FigureRow,
  monthlyFigureRows,
  type ReportTable,
} from '../../reports/report-tables';
import { formErrors } from '../forms/field-errors';
import { lineChart } from '../charts/svg-chart';
import { monthInWords } from '../rendering/people-time';

/** One section of a report as a table on the page: a row per figure, a column per period. */
export interface FigureTable {
  caption: string;
  /** What the section's figures count, shown beside them. */
  definition?: string;
  /** Whether any of its figures is about a stage (else the Stage column is left out). */
  hasStages: boolean;
  periods: string[];
  rows: Array<{ figure: string; stage: string; cells: string[] }>;
}

/** A figure in a cell: "12", "5 (41.7%)", or "—" when there is no such figure. */
export function cellText(row: Pick<FigureRow, 'number' | 'percentage'> | undefined): string {
  if (!row || row.number === null) return '—';
  return row.percentage === null ? String(row.number) : `${row.number} (${row.percentage}%)`;
}

/** Medians have no value where nothing was done; counts are 0. */
const MEDIANS = 'Median working days';

/**
 * Rows of figures for several periods as tables by section: each figure (and stage) once,
 * in the order first met, with its value in each period.
 */
export function figureTables(periods: Array<{ label: string; rows: FigureRow[] }>): FigureTable[] {
  const sections = new Map<string, Map<string, { figure: string; stage: string }>>();
  const values = new Map<string, FigureRow>();
  const keyOf = (row: FigureRow) => JSON.stringify([row.section, row.figure, row.stage]);
  periods.forEach(({ rows }, index) => {
    for (const row of rows) {
      const figures = sections.get(row.section) ?? new Map();
      figures.set(keyOf(row), { figure: row.figure, stage: row.stage });
      sections.set(row.section, figures);
      values.set(`${index}|${keyOf(row)}`, row);
    }
  });
  return [...sections.entries()].map(([section, figures]) => ({
    caption: section,
    hasStages: [...figures.values()].some(({ stage }) => stage !== ''),
    periods: periods.map(({ label }) => label),
    rows: [...figures.entries()].map(([key, { figure, stage }]) => ({
      figure,
      stage,
      cells: periods.map((_, index) => {
        const found = values.get(`${index}|${key}`);
        return found || section === MEDIANS ? cellText(found) : '0';
      }),
    })),
  }));
}

/** The monthly report on the page: a column per month, and one for the run when there are several. */
export function monthlyTables(report: MonthlyReport): FigureTable[] {
  const periods = report.months.map(({ month, ...figures }) => ({
    label: monthInWords(month),
    rows: monthlyFigureRows(figures, report.stageNames),
  }));
  if (periods.length > 1)
    periods.push({ label: 'All months', rows: monthlyFigureRows(report.total, report.stageNames) });
  return figureTables(periods);
}

/** The cases behind a themes cell: this category, received in this month. */
export const themeCasesAddress = (category: string, month: string, download: '' | '.csv' = '') =>
  `/reports/themes/cases${download}?${new URLSearchParams({ category, month })}`;

/** The themes report on the page: a row per category, a column per month, each count linked to its cases. */
export function themesGrid(report: ThemesReport) {
  return {
    months: report.months.map(monthInWords),
    rows: report.categories.map(({ category, total, byMonth }) => ({
      category,
      total,
      cells: report.months.map((month) => ({
        count: byMonth[month],
        href: byMonth[month] > 0 ? themeCasesAddress(category, month) : null,
        label: `${byMonth[month]} ${category} cases received in ${monthInWords(month)}`,
      })),
    })),
  };
}

/** The trend chart draws this many categories, the most frequent: more lines cannot be told apart. */
export const TREND_CATEGORIES = 6;

/** The most frequent categories month by month, a line each; the table below it has them all. */
export function themesTrendChart(report: ThemesReport): string {
  const shown = report.categories.slice(0, TREND_CATEGORIES);
  const period = `${monthInWords(report.from)} to ${monthInWords(report.to)}`;
  return lineChart(
    shown.flatMap(({ category, byMonth }) =>
      report.months.map((month) => ({ month, series: category, value: byMonth[month] })),
    ),
    {
      title: `Cases received in the ${shown.length} most frequent categories, ${period}`,
      description: shown.map(({ category, total }) => `${category}: ${total} in all`).join('; '),
    },
    { yLabel: 'Cases received' },
  );
}

/** The worklist's "received" filter for a month: the addresses of its open and closed tabs. */
export function worklistForMonth(category: string, month: string) {
  const { first, last } = datesOf(month);
  const query = (tab: string) =>
    `/?${new URLSearchParams({ tab, category, receivedFrom: first, receivedTo: last })}`;
  return { open: query('open'), closed: query('closed') };
}

/** The annual report on the page: a table per section, with what its figures count. */
export function annualTables(report: AnnualReport): FigureTable[] {
  const rows = annualFigureRows(report);
  return figureTables([{ label: String(report.year), rows }]).map((table) => ({
    ...table,
    definition: rows.find((row) => row.section === table.caption)?.definition,
  }));
}

/**
 * What every report page shows around its figures: its title, the period form as typed
 * with what was wrong in it, when it was produced, and its downloads (`<page>.csv` and
 * `<page>.xlsx` with the period shown).
 */
export function reportPage(
  page: string,
  table: ReportTable,
  form: { typed: unknown; errors: FieldError[] },
  period: Record<string, string>,
  producedAt: Date,
) {
  const shown = formErrors(form.errors);
  const query = new URLSearchParams(period);
  return {
    pageTitle: table.title,
    errors: shown.list,
    fieldErrors: shown.byField,
    typed: form.typed,
    producedAt,
    downloads: { csv: `${page}.csv?${query}`, xlsx: `${page}.xlsx?${query}` },
  };
}
