import { aRun } from '../../../../../libs/scheduling/src/testing/job-run-log.contract';
import { jobView, ranBanner, chainAuditView } from './jobs-view';

describe('a scheduled job as the jobs page shows it', () => {
  it('names it, says its schedule and what its last runs did', () => {
    const view = jobView(
      'sla-sweep',
      { cron: '0 */5 * * * *' },
      { timers: 'here', runningHere: false, runs: [aRun('sla-sweep', 5)] },
    );
    expect(view).toEqual({
      job: 'sla-sweep',
      name: 'Missed deadlines',
      purpose: expect.stringContaining('deadline'),
      schedule: 'Every 5 minutes',
      runningHere: false,
      runs: [
        {
          startedAt: '2026-12-07T09:05:00.000Z',
          took: '1 minute',
          outcome: 'Succeeded',
          failedRun: false,
          examined: 3,
          actedOn: 2,
          failed: 0,
          did: ['Response deadline missed: 2'],
          problem: null,
        },
      ],
    });
  });

  it('says whether the timers fire here, on the worker, or not at all', () => {
    const view = jobView(
      'auto-close',
      { cron: '0 * * * *' },
      { timers: 'off', runningHere: true, runs: [] },
    );
    expect(view.schedule).toBe(
      'Every hour, but the timers are off (CLF_SCHEDULER=off): it runs only when asked',
    );
    expect(view.runningHere).toBe(true);
    const onWorker = jobView(
      'auto-close',
      { cron: '0 * * * *' },
      { timers: 'worker', runningHere: false, runs: [] },
    );
    expect(onWorker.schedule).toBe('Every hour, by the worker that keeps the read models');
  });

  it('marks a run that failed, or failed on some cases', () => {
    const failed = aRun('auto-close', 1, { outcome: 'failed', problem: 'Error: gone' });
    const partly = aRun('auto-close', 2, { failed: 1 });
    const view = jobView(
      'auto-close',
      { cron: '0 * * * *' },
      {
        timers: 'here',
        runningHere: false,
        runs: [failed, partly],
      },
    );
    expect(view.runs.map((r) => [r.outcome, r.failedRun])).toEqual([
      ['Failed', true],
      ['Succeeded', true],
    ]);
  });

  it('says after "Run now" what the run did, or that it failed and why', () => {
    expect(ranBanner('sla-sweep', aRun('sla-sweep', 1, { actedOn: 1, examined: 4 }))).toEqual({
      text: 'The Missed deadlines job ran: it acted on 1 case of 4 cases it looked at.',
      success: true,
    });
    expect(
      ranBanner(
        'sla-sweep',
        aRun('sla-sweep', 1, { outcome: 'stopped-early', problem: 'the lease was lost' }),
      ),
    ).toEqual({ text: 'The Missed deadlines job stopped early: the lease was lost.' });
  });
});

describe('the check of every case on the jobs page', () => {
  const last = {
    runId: 'r',
    startedAt: '2026-12-07T02:00:00.000Z',
    finishedAt: '2026-12-07T02:00:05.000Z',
    durationMs: 5000,
    casesChecked: 1200,
    eventsChecked: 4100,
    broken: [{ stream: 'clfcase-x', reference: 'DMM-2026-00007', brokenAtRevision: 3 }],
    stoppedEarly: null,
  };

  it('says what the last run checked and found, by counts alone', () => {
    const view = chainAuditView(
      { cron: '0 02 * * *' },
      { timers: 'here', runningHere: false, last },
    );
    expect(view.name).toBe('Verify every case');
    expect(view.last).toMatchObject({ checked: '1,200 cases, 4,100 events', broken: 1 });
    expect(JSON.stringify(view)).not.toContain('DMM-2026-00007');
  });

  it('names the cases whose personal data cannot be read for want of a key, in the dashboard’s words', () => {
    const view = chainAuditView(
      { cron: '0 02 * * *' },
      {
        timers: 'here',
        runningHere: false,
        last: {
          ...last,
          broken: [],
          keysMissing: [{ stream: 'clfcase-a', reference: 'DMM-2026-00003' }],
        },
      },
    );
    expect(view.last?.finding).toBe(
      'Every case’s chain holds. The personal data of 1 case cannot be read: its key is missing though nobody erased it (DMM-2026-00003). Restore case-keys.db from a backup.',
    );
  });

  it('has nothing to say before the first run', () => {
    expect(
      chainAuditView({ cron: '0 02 * * *' }, { timers: 'off', runningHere: false, last: null })
        .last,
    ).toBeNull();
  });
});
