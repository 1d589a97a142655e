import type { JobRunReport } from './job-runner.service';
import { emptyRunReport } from '../staff-notifications/staff-notifier';
import { failedRunRecord, notificationRunRecordOf, runRecordOf } from './job-run-record';

const report: JobRunReport = {
  job: 'sla-sweep',
  runId: 'run-1',
  startedAt: '2026-12-07T09:00:00.000Z',
  finishedAt: '2026-12-07T09:00:02.000Z',
  dueBy: '2026-12-07T09:00:00.000Z',
  candidates: 4,
  changed: 2,
  unchanged: 1,
  failed: 1,
  events: { ResponseDeadlineMissed: 2 },
  cases: [{ id: 'c1', reference: 'DMM-2026-00001', events: ['ResponseDeadlineMissed'] }],
  failures: [{ id: 'c2', error: 'Error: boom' }],
  stoppedEarly: null,
  indexBehind: false,
};

describe('a job run as the run log keeps it', () => {
  it('keeps the counts and times of a run and leaves out which cases it touched', () => {
    const record = runRecordOf(report, 'host:1:abc');
    expect(record).toEqual({
      runId: 'run-1',
      job: 'sla-sweep',
      holder: 'host:1:abc',
      startedAt: '2026-12-07T09:00:00.000Z',
      finishedAt: '2026-12-07T09:00:02.000Z',
      outcome: 'succeeded',
      examined: 4,
      actedOn: 2,
      failed: 1,
      counts: { ResponseDeadlineMissed: 2 },
      problem: null,
    });
    expect(JSON.stringify(record)).not.toContain('DMM-2026-00001');
  });

  it('says a run stopped early, and why', () => {
    const record = runRecordOf({ ...report, stoppedEarly: 'the lease was lost' }, 'h');
    expect(record.outcome).toBe('stopped-early');
    expect(record.problem).toBe('the lease was lost');
  });

  it('records a run that threw as failed, with the error', () => {
    const record = failedRunRecord(
      'auto-close',
      {
        runId: 'run-2',
        holder: 'h',
        startedAt: new Date('2026-12-07T10:00:00Z'),
        finishedAt: new Date('2026-12-07T10:00:01Z'),
      },
      new Error('the event store cannot be reached'),
    );
    expect(record).toMatchObject({
      job: 'auto-close',
      outcome: 'failed',
      actedOn: 0,
      problem: 'Error: the event store cannot be reached',
      finishedAt: '2026-12-07T10:00:01.000Z',
    });
  });

  it('keeps a notification run’s notices due and sent by kind, and why nothing went', () => {
    const sent = {
      ...emptyRunReport('reminders', '2026-12-07T09:00:00.000Z'),
      due: 5,
      sent: { assigned: 1, 'deadline-reminder': 2 },
      alreadySent: 2,
    };
    expect(notificationRunRecordOf(sent, 'run-2', 'host:1:abc')).toMatchObject({
      runId: 'run-2',
      job: 'reminders',
      outcome: 'succeeded',
      examined: 5,
      actedOn: 3,
      counts: { assigned: 1, 'deadline-reminder': 2 },
      problem: null,
    });
    const early = { ...emptyRunReport('digest', '2026-12-07T05:00:00.000Z'), notYet: 'from 7am' };
    expect(notificationRunRecordOf(early, 'r', 'h')).toMatchObject({
      outcome: 'succeeded',
      problem: 'from 7am',
    });
    const waiting = {
      ...emptyRunReport('digest', '2026-12-07T08:00:00.000Z'),
      stoppedEarly: 'no mail server',
    };
    expect(notificationRunRecordOf(waiting, 'r', 'h').outcome).toBe('stopped-early');
  });
});
