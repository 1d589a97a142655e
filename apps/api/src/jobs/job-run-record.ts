import type { ScheduledJob } from '#domain';
import type { JobRunRecord } from '#scheduling';
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
  job: ScheduledJob,
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
