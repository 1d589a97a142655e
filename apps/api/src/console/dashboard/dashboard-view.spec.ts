import { bundledPolicy } from '#domain';
import type { DashboardFigures, OnTime } from '../../queries/dashboard-figures';
import { dashboardView, integrityView, mailAlertView, percent } from './dashboard-view';
import { queuedEmail } from '../../correspondence/testing/outbox-fixtures';

const policy = bundledPolicy('dmm');
const [first, second] = policy.complaints.stages;

const noneOnTime = (): OnTime => ({
  acknowledgements: {},
  responses: {},
  overall: {
    acknowledgements: { onTime: 0, late: 0, recordedLate: 0, onTimeRate: null },
    responses: { onTime: 0, late: 0, recordedLate: 0, onTimeRate: null },
  },
});

const figures: DashboardFigures = {
  open: {
    total: 7,
    overdue: 2,
    dueSoon: 1,
    unassigned: 3,
    byKind: { complaint: 6, compliment: 1 },
    byStage: { [String(first.stage)]: 4, [String(second.stage)]: 2, none: 1 },
    byStatus: { open: 5, acknowledged: 2 },
  },
  dueSoonBy: new Date('2026-12-09T23:59:59.999Z'),
  month: '2026-12',
  thisMonth: {
    ...noneOnTime(),
    responses: {
      [`stage-${first.stage}`]: { onTime: 3, late: 1, recordedLate: 0, onTimeRate: 0.75 },
    },
  },
};

const trend = {
  months: ['2026-11', '2026-12'],
  byMonth: [
    { month: '2026-11', ...noneOnTime() },
    { month: '2026-12', ...figures.thisMonth },
  ],
  together: figures.thisMonth,
};

describe('the dashboard’s figures', () => {
  const view = dashboardView(figures, trend, policy);

  it('links each headline figure to the worklist tab holding exactly those cases', () => {
    expect(view.headline.map(({ label, count, href }) => [label, count, href])).toEqual([
      ['Open', 7, '/'],
      ['Overdue', 2, '/?tab=overdue'],
      ['Due in the next 2 working days', 1, '/?tab=due-soon'],
      ['Unassigned', 3, '/?tab=unassigned'],
    ]);
  });

  it('names every stage of the policy, with none open as 0, each linked by stage', () => {
    expect(view.byStage).toHaveLength(policy.complaints.stages.length);
    expect(view.byStage[0]).toEqual({
      label: first.name,
      count: 4,
      href: `/?stage=${first.stage}`,
    });
    expect(view.byStage.at(-1)!.count).toBe(0);
    expect(view.byStatus.find((s) => s.label === 'Acknowledged')).toEqual({
      label: 'Acknowledged',
      count: 2,
      href: '/?status=acknowledged',
    });
  });

  it('gives on-time rates as percentages with their counts, linked to the cases they count', () => {
    const [row] = view.onTime;
    expect(row.stage).toBe(first.name);
    expect(row.responses.thisMonth).toEqual({
      rate: '75%',
      due: true,
      counts: '3 of 4 on time',
      href: `/?figure=responses.stage-${first.stage}&period=2026-12`,
    });
    expect(row.responses.lastMonths.href).toBe(
      `/?figure=responses.stage-${first.stage}&period=2026-11..2026-12`,
    );
    expect(row.acknowledgements.thisMonth).toMatchObject({ rate: 'none', due: false });
  });

  it('draws four charts and tabulates the trend a row per month', () => {
    expect(Object.values(view.charts).every((svg) => svg.startsWith('<svg'))).toBe(true);
    expect(view.trendTables.responses.map((row) => row.month)).toEqual(['Nov 2026', 'Dec 2026']);
  });

  it('rounds rates to whole percentages', () => {
    expect(percent(0.846)).toBe('85%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('none');
  });
});

describe('the dashboard’s alert from the check of every case', () => {
  const last = {
    runId: 'r',
    startedAt: '2026-12-07T02:00:00.000Z',
    finishedAt: '2026-12-07T02:00:05.000Z',
    durationMs: 5000,
    casesChecked: 40,
    eventsChecked: 130,
    broken: [{ stream: 'clfcase-x', reference: 'DMM-2026-00007', brokenAtRevision: 3 }],
    stoppedEarly: null,
  };

  it('names the cases, linked to their history, to someone who sees every case', () => {
    expect(integrityView(last, true)).toMatchObject({
      broken: 1,
      summary: 'The record of 1 case does not verify: it may have been changed outside CLF.',
      cases: [{ reference: 'DMM-2026-00007', revision: 3, href: '/cases/DMM-2026-00007/history' }],
    });
  });

  it('only counts them for someone who sees some cases, and says nothing before the first run', () => {
    expect(integrityView(last, false)?.cases).toEqual([]);
    expect(integrityView({ ...last, broken: [] }, true)).toMatchObject({
      broken: 0,
      casesChecked: 40,
    });
    expect(integrityView(null, true)).toBeNull();
  });

  const keysLost = {
    ...last,
    broken: [],
    keysMissing: [
      { stream: 'clfcase-a', reference: 'DMM-2026-00003' },
      { stream: 'clfcase-b', reference: null },
    ],
  };

  it('tells directors when personal data cannot be read because keys are missing, linking each case for those who see every case', () => {
    const view = integrityView(keysLost, true)!;
    expect(view.keysMissing).toEqual({
      summary:
        'The personal data of 2 cases cannot be read: their keys are missing though nobody erased them. Restore case-keys.db from a backup, or ask your administrator.',
      cases: [{ reference: 'DMM-2026-00003', href: '/cases/DMM-2026-00003' }],
    });
    expect(view.allVerified).toBe(false);
    expect(integrityView(keysLost, false)!.keysMissing).toMatchObject({ cases: [] });
  });

  it('speaks of one case in the singular, and says every case verified only when nothing is broken or missing', () => {
    const one = integrityView({ ...keysLost, keysMissing: keysLost.keysMissing.slice(0, 1) }, true);
    expect(one?.keysMissing?.summary).toMatch(
      /^The personal data of 1 case cannot be read: its key is missing though nobody erased it\. /,
    );
    expect(integrityView({ ...last, broken: [], keysMissing: [] }, true)).toMatchObject({
      keysMissing: null,
      allVerified: true,
    });
    expect(integrityView({ ...last, broken: [] }, true)?.allVerified).toBe(true);
    expect(integrityView(last, true)?.allVerified).toBe(false);
  });
});

describe('the dashboard’s outbox alert', () => {
  const references = new Map([
    ['c-1', 'DMM-2026-0001'],
    ['c-2', 'DMM-2026-0002'],
  ]);
  const queue = {
    waiting: [queuedEmail('l-1', 'c-1'), queuedEmail('l-3', 'c-1')],
    failed: [queuedEmail('l-2', 'c-2', '2026-12-01T10:00:00Z')],
  };

  it('tells of failed e-mails and, with a mail server set, of those still waiting, linking each case for those who see every case', () => {
    expect(mailAlertView(queue, references, { sending: true, seesEveryCase: true })).toEqual({
      summary: '1 e-mail to complainants failed, and 2 e-mails to complainants waiting to go.',
      cases: [
        {
          reference: 'DMM-2026-0002',
          state: 'e-mail failed',
          href: '/cases/DMM-2026-0002/letters',
        },
        {
          reference: 'DMM-2026-0001',
          state: 'e-mail waiting',
          href: '/cases/DMM-2026-0001/letters',
        },
        {
          reference: 'DMM-2026-0001',
          state: 'e-mail waiting',
          href: '/cases/DMM-2026-0001/letters',
        },
      ],
    });
  });

  it('does not count waiting e-mails without a mail server, nor name cases to others', () => {
    expect(mailAlertView(queue, references, { sending: false, seesEveryCase: false })).toEqual({
      summary: '1 e-mail to complainants failed.',
      cases: [],
    });
    expect(
      mailAlertView({ waiting: queue.waiting, failed: [] }, references, {
        sending: false,
        seesEveryCase: true,
      }),
    ).toBeNull();
  });
});
