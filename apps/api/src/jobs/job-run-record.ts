import type { JobRunRecord } from '#scheduling';
import type { NotificationRunReport } from '../staff-notifications/staff-notifier';
import type { JobRunReport } from './job-runner.service';

/** A finished run, as the job-run log keeps it: counts only, no case. */
export function runRecordOf(report: JobRunReport, holder: string): JobRunRecord {
  return {
    runId: report.runId,
    job: report.job,
    holder,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    outcome: report.stoppedEarly !== null ? 'stopped-early' : 'succeeded',
    examined: report.candidates,
    actedOn: report.changed,
    failed: report.failed,
    counts: report.events,
    problem: report.stoppedEarly,
  };
}

/** A run that threw before it could report: when it began and ended, and why. */
export function failedRunRecord(
  job: string,
  run: { runId: string; holder: string; startedAt: Date; finishedAt: Date },
  error: unknown,
): JobRunRecord {
  return {
    runId: run.runId,
    job,
    holder: run.holder,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    outcome: 'failed',
    examined: 0,
    actedOn: 0,
    failed: 0,
    counts: {},
    problem: String(error),
  };
}

/** A run of the `reminders` or `digest` job: notices due, and how many it sent, by kind. */
export function notificationRunRecordOf(
  report: NotificationRunReport,
  runId: string,
  holder: string,
): JobRunRecord {
  return {
    runId,
    job: report.job,
    holder,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    outcome: report.stoppedEarly !== null ? 'stopped-early' : 'succeeded',
    examined: report.due,
    actedOn: Object.values(report.sent).reduce((all, n) => all + n, 0),
    failed: report.failed,
    counts: report.sent,
    problem: report.stoppedEarly ?? report.notYet,
  };
}
