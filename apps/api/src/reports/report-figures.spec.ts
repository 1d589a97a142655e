import { bundledPolicy } from '#domain';
import { totalFacts } from '#read-models';
import { annualReport, median, monthlyReport, stageNames, themesReport } from './report-figures';

const dmm = bundledPolicy('dmm');
const facts = (rows: Array<[metric: string, value: number, count?: number]>) =>
  totalFacts(rows.map(([metric, value, count]) => ({ metric, value, count })));

describe('report figures', () => {
  it('names every stage from the policy, and compliments and suggestions apart', () => {
    expect(stageNames(dmm)).toEqual({
      'stage-1': 'Local resolution',
      'stage-2': 'Formal written complaint',
      'stage-3': 'Senior Management review',
      'stage-4': 'External',
      feedback: 'Compliments and suggestions',
    });
  });

  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('gives each month of a run its own figures, and the run its sums and medians over every act', () => {
    const november = facts([
      ['received.kind.complaint', 1, 3],
      ['acknowledgements.stage-1.on-time', 1, 2],
      ['acknowledgements.stage-1.late', 1],
      ['working-days.acknowledge.stage-1', 1],
      ['working-days.acknowledge.stage-1', 5],
    ]);
    const december = facts([
      ['received.kind.compliment', 1],
      ['working-days.acknowledge.stage-1', 2],
    ]);
    const whole = facts([
      ['received.kind.complaint', 1, 3],
      ['received.kind.compliment', 1],
      ['acknowledgements.stage-1.on-time', 1, 2],
      ['acknowledgements.stage-1.late', 1],
      ['working-days.acknowledge.stage-1', 1],
      ['working-days.acknowledge.stage-1', 5],
      ['working-days.acknowledge.stage-1', 2],
    ]);
    const report = monthlyReport(
      dmm,
      [
        { month: '2026-11', facts: november },
        { month: '2026-12', facts: december },
      ],
      whole,
    );
    expect(report).toMatchObject({ from: '2026-11', to: '2026-12', policyId: 'dmm' });
    expect(report.months[0]).toMatchObject({
      month: '2026-11',
      received: { total: 3 },
      acknowledgements: { 'stage-1': { onTime: 2, late: 1, recordedLate: 0, onTimeRate: 0.667 } },
      medianWorkingDays: { acknowledge: { 'stage-1': 3 } },
    });
    expect(report.months[1].received).toMatchObject({ total: 1, byKind: { compliment: 1 } });
    expect(report.total.received.total).toBe(4);
    expect(report.total.medianWorkingDays.acknowledge).toEqual({ 'stage-1': 2 });
  });

  it('reports each formal complaint once in its outcome, furthest stage and referral, with what each counts', () => {
    const report = annualReport(
      2026,
      dmm,
      facts([
        ['received.kind.complaint', 1, 3],
        ['final-outcome.upheld', 1],
        ['final-outcome.no-response', 1, 2],
        ['outcomes.not-upheld', 1],
        ['outcomes.upheld', 1],
        ['stage-reached.stage-2', 1, 2],
        ['stage-reached.stage-4', 1],
        ['referred-externally', 1],
        ['external-referrals', 1, 2],
      ]),
    );
    expect(report).toMatchObject({
      formalComplaintsReceived: 3,
      finalOutcomes: { upheld: 1, 'no-response': 2 },
      furthestStage: { 'stage-2': 2, 'stage-4': 1 },
      referredExternally: 1,
    });
    expect(report.definitions.referredExternally).toContain('“External”');
    expect(Object.keys(report.definitions).sort()).toEqual(
      [
        'closed',
        'escalations',
        'finalOutcomes',
        'formalComplaintsReceived',
        'furthestStage',
        'medianWorkingDays',
        'onTime',
        'recordedAfterWindowClosed',
        'referredExternally',
        'themes',
      ].sort(),
    );
  });

  it('lists themes by month, the busiest category first, with a zero for a month without it', () => {
    const report = themesReport(
      ['2026-11', '2026-12'],
      [
        { month: '2026-11', category: 'mentoring', count: 1 },
        { month: '2026-11', category: 'fees', count: 1 },
        { month: '2026-12', category: 'fees', count: 2 },
      ],
    );
    expect(report).toEqual({
      from: '2026-11',
      to: '2026-12',
      months: ['2026-11', '2026-12'],
      categories: [
        { category: 'fees', total: 3, byMonth: { '2026-11': 1, '2026-12': 2 } },
        { category: 'mentoring', total: 1, byMonth: { '2026-11': 1, '2026-12': 0 } },
      ],
    });
  });
});
