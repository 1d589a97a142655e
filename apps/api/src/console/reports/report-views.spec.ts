import { bundledPolicy } from '#domain';
import { totalFacts } from '#read-models';
import { annualReport, monthlyReport, themesReport } from '../../reports/report-figures';
import {
  annualTables,
  cellText,
  figureTables,
  monthlyTables,
  reportPage,
  themesGrid,
  worklistForMonth,
  themesTrendChart,
} from './report-views';

const dmm = bundledPolicy('dmm');
const facts = (rows: Array<[metric: string, count: number]>) =>
  totalFacts(rows.map(([metric, count]) => ({ metric, value: 1, count })));

describe('reports on the page', () => {
  it('writes a figure as its number, with its share when it has one, and a dash for none', () => {
    expect(cellText({ number: 5, percentage: 41.7 })).toBe('5 (41.7%)');
    expect(cellText({ number: 5, percentage: null })).toBe('5');
    expect(cellText({ number: null, percentage: null })).toBe('—');
    expect(cellText(undefined)).toBe('—');
  });

  it('puts each figure once in its section, with 0 in a period without it (a dash for a median)', () => {
    const row = (section: string, figure: string, number: number) => ({
      section,
      figure,
      stage: '',
      number,
      percentage: null,
    });
    const tables = figureTables([
      { label: 'Nov 2026', rows: [row('Closed', 'Withdrawn', 1), row(MEDIAN, 'To respond', 4)] },
      { label: 'Dec 2026', rows: [row('Closed', 'Resolved', 2)] },
    ]);
    expect(tables).toEqual([
      {
        caption: 'Closed',
        hasStages: false,
        periods: ['Nov 2026', 'Dec 2026'],
        rows: [
          { figure: 'Withdrawn', stage: '', cells: ['1', '0'] },
          { figure: 'Resolved', stage: '', cells: ['0', '2'] },
        ],
      },
      {
        caption: MEDIAN,
        hasStages: false,
        periods: ['Nov 2026', 'Dec 2026'],
        rows: [{ figure: 'To respond', stage: '', cells: ['4', '—'] }],
      },
    ]);
  });

  it('gives a run of months a column each and one for them all; one month only its own', () => {
    const month = facts([['received.kind.complaint', 2]]);
    const run = monthlyReport(
      dmm,
      [
        { month: '2026-11', facts: month },
        { month: '2026-12', facts: month },
      ],
      facts([['received.kind.complaint', 4]]),
    );
    const [received] = monthlyTables(run);
    expect(received.periods).toEqual(['Nov 2026', 'Dec 2026', 'All months']);
    expect(received.rows[0].cells).toEqual(['2', '2', '4']);
    const single = monthlyReport(dmm, [{ month: '2026-11', facts: month }], month);
    expect(monthlyTables(single)[0].periods).toEqual(['Nov 2026']);
  });

  it('shows the annual report a table per section with what it counts', () => {
    const report = annualReport(2026, dmm, facts([['received.kind.complaint', 1]]));
    const [received] = annualTables(report);
    expect(received).toMatchObject({
      caption: 'Formal complaints received',
      definition: report.definitions.formalComplaintsReceived,
      periods: ['2026'],
    });
  });

  it('links each count of themes above nought to its cases, and says what the link is', () => {
    const grid = themesGrid(
      themesReport(
        ['2026-11', '2026-12'],
        [{ month: '2026-12', category: 'fees & charges', count: 2 }],
      ),
    );
    expect(grid.months).toEqual(['Nov 2026', 'Dec 2026']);
    expect(grid.rows[0].cells).toEqual([
      { count: 0, href: null, label: '0 fees & charges cases received in Nov 2026' },
      {
        count: 2,
        href: '/reports/themes/cases?category=fees+%26+charges&month=2026-12',
        label: '2 fees & charges cases received in Dec 2026',
      },
    ]);
  });

  it('gives the worklist’s open and closed tabs filtered to a category and a month', () => {
    expect(worklistForMonth('fees', '2026-02')).toEqual({
      open: '/?tab=open&category=fees&receivedFrom=2026-02-01&receivedTo=2026-02-28',
      closed: '/?tab=closed&category=fees&receivedFrom=2026-02-01&receivedTo=2026-02-28',
    });
  });
});

describe('a report page’s frame', () => {
  it('gives the title, the form as typed with its errors, when it was produced and the downloads for the period shown', () => {
    const producedAt = new Date('2026-12-01T10:00:00Z');
    const table = { title: 'Themes, 2026-01 to 2026-12', fileName: 'x', columns: [], rows: [] };
    expect(
      reportPage(
        '/reports/themes',
        table,
        {
          typed: { from: 'Jan', to: '' },
          errors: [{ field: 'from', message: 'Enter a month like 2026-11' }],
        },
        { from: '2026-01', to: '2026-12' },
        producedAt,
      ),
    ).toEqual({
      pageTitle: 'Themes, 2026-01 to 2026-12',
      errors: [{ text: 'Enter a month like 2026-11', href: '#from' }],
      fieldErrors: { from: { text: 'Enter a month like 2026-11' } },
      typed: { from: 'Jan', to: '' },
      producedAt,
      downloads: {
        csv: '/reports/themes.csv?from=2026-01&to=2026-12',
        xlsx: '/reports/themes.xlsx?from=2026-01&to=2026-12',
      },
    });
  });
});

const MEDIAN = 'Median working days';

describe('the themes trend chart', () => {
  const report = themesReport(
    ['2026-11', '2026-12'],
    Array.from({ length: 8 }, (_, n) => ({
      month: '2026-12',
      category: `theme ${n}`,
      count: 10 - n,
    })),
  );

  it('draws the most frequent categories, a line each, named and described in words', () => {
    const svg = themesTrendChart(report);
    expect(svg).toMatch(/^<svg[^>]* role="img"/);
    expect(svg).toMatch(
      /aria-label="Cases received in the 6 most frequent categories, Nov 2026 to Dec 2026"/,
    );
    expect(svg).toContain('theme 0: 10 in all');
    expect(svg).toContain('>theme 5<');
    expect(svg).not.toContain('theme 6');
  });
});
