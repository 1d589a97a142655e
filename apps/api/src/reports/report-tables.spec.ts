import { bundledPolicy } from '#domain';
import { totalFacts } from '#read-models';
import { annualReport, monthlyReport, themesReport } from './report-figures';
import { annualTable, monthlyTable, percentOf, themesTable } from './report-tables';

const dmm = bundledPolicy('dmm');
const facts = (rows: Array<[metric: string, count: number]>) =>
  totalFacts(rows.map(([metric, count]) => ({ metric, value: 1, count })));

describe('report tables', () => {
  it('gives percentages to one decimal place, and none of nothing', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('makes the monthly report one tidy table: a row per month and figure, in words, with stage names', () => {
    const december = facts([
      ['received.kind.complaint', 4],
      ['received.formality.formal', 1],
      ['received.formality.informal', 3],
      ['received.channel.web-form', 4],
      ['acknowledgements.stage-1.on-time', 3],
      ['acknowledgements.stage-1.recorded-late', 1],
      ['escalations.to-stage-3', 1],
      ['extensions.response.stage-2', 2],
      ['closed.resolved-at-first-contact', 2],
    ]);
    const table = monthlyTable(
      monthlyReport(dmm, [{ month: '2026-12', facts: december }], december),
    );
    expect(table.title).toBe('Monthly report, 2026-12');
    expect(table.fileName).toBe('clf-monthly-2026-12');
    expect(table.columns.map((c) => c.header)).toEqual([
      'Month',
      'Section',
      'Figure',
      'Stage',
      'Number',
      'Percentage',
    ]);
    const row = (section: string, figure: string, stage = '') =>
      table.rows.find((r) => r.section === section && r.figure === figure && r.stage === stage);
    expect(row('Received', 'All feedback received')).toMatchObject({ month: '2026-12', number: 4 });
    expect(row('Received by formality', 'Informal')).toMatchObject({ number: 3, percentage: 75 });
    expect(row('Received by channel', 'The web form')).toMatchObject({ percentage: 100 });
    expect(row('Acknowledgements', 'On time', 'Local resolution')).toMatchObject({
      number: 3,
      percentage: 75,
    });
    expect(row('Acknowledgements', 'Recorded late', 'Local resolution')).toMatchObject({
      number: 1,
      percentage: 25,
    });
    expect(
      row('Moved to a later stage', 'Moved to this stage', 'Senior Management review'),
    ).toMatchObject({
      number: 1,
    });
    expect(
      row('Deadlines extended', 'Response deadlines extended', 'Formal written complaint'),
    ).toMatchObject({ number: 2, percentage: null });
    expect(row('Closed', 'Resolved at first contact')).toMatchObject({
      number: 2,
      percentage: 100,
    });
    expect(JSON.stringify(table.rows)).not.toMatch(/stage-\d|0\.\d{3}/);
  });

  it('puts what each figure counts beside it in the annual table', () => {
    const report = annualReport(
      2026,
      dmm,
      facts([
        ['received.kind.complaint', 2],
        ['final-outcome.upheld', 1],
        ['final-outcome.no-response', 1],
        ['stage-reached.stage-2', 2],
      ]),
    );
    const table = annualTable(report);
    expect(table.fileName).toBe('clf-annual-2026');
    expect(table.columns.at(-1)).toEqual({ key: 'definition', header: 'What it counts' });
    expect(table.rows).toContainEqual({
      year: 2026,
      section: 'Final outcome',
      figure: 'No response yet',
      stage: '',
      number: 1,
      percentage: 50,
      definition: report.definitions.finalOutcomes,
    });
    expect(table.rows).toContainEqual(
      expect.objectContaining({
        section: 'Furthest stage reached',
        stage: 'Formal written complaint',
        number: 2,
        percentage: 100,
      }),
    );
    for (const row of table.rows) expect(row.definition).toEqual(expect.any(String));
  });

  it('makes themes a row per month and category, zeros included', () => {
    const table = themesTable(
      themesReport(['2026-11', '2026-12'], [{ month: '2026-12', category: 'fees', count: 2 }]),
    );
    expect(table.rows).toEqual([
      { month: '2026-11', category: 'fees', cases: 0 },
      { month: '2026-12', category: 'fees', cases: 2 },
    ]);
  });
});
