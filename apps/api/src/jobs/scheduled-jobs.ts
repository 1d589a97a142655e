import { CronExpression } from '@nestjs/schedule';
import { SCHEDULED_JOBS, systemActor, type CaseCommand, type ScheduledJob } from '#domain';
import { ApiProblemError } from '../http/problem';

/** Each job's command, and how often its timer fires. */
export const JOB_PLAN: Record<ScheduledJob, { command: CaseCommand['type']; cron: string }> = {
  'sla-sweep': { command: 'RecordMissedDeadlines', cron: CronExpression.EVERY_5_MINUTES },
  'auto-close': { command: 'AutoCloseCase', cron: CronExpression.EVERY_HOUR },
  // Informal complaints move at local midnight, which falls on the hour in UTC.
  'same-day-escalation': { command: 'EscalateUnresolvedSameDay', cron: CronExpression.EVERY_HOUR },
  // Retention counts whole days: once a day is enough, at night when few are recording.
  retention: { command: 'ApplyRetention', cron: CronExpression.EVERY_DAY_AT_3AM },
};

/**
 * The job that checks every case's hash chain. It records no events, so unlike the jobs
 * above it is no domain job (`SCHEDULED_JOBS`) and acts as no system actor.
 */
export const CHAIN_AUDIT_JOB = 'chain-audit';
/** Nightly, when few people are recording. */
export const CHAIN_AUDIT_CRON = CronExpression.EVERY_DAY_AT_2AM;

/**
 * The jobs that tell staff by e-mail (apps/api/src/staff-notifications): they record no
 * events either. Both fire hourly; the digest goes once a day, from 7am local time
 * (`DIGEST_LOCAL_HOUR`), which an hourly timer reaches whatever the time zone and clock change.
 */
export const NOTIFICATION_JOBS = ['reminders', 'digest'] as const;
export type NotificationJob = (typeof NOTIFICATION_JOBS)[number];
export const NOTIFICATION_CRON = CronExpression.EVERY_HOUR;

export const isNotificationJob = (name: string): name is NotificationJob =>
  (NOTIFICATION_JOBS as readonly string[]).includes(name);

/** Every job an admin may run now. */
export const JOBS = [...SCHEDULED_JOBS, CHAIN_AUDIT_JOB, ...NOTIFICATION_JOBS] as const;

/**
 * The order a catch-up runs them in: an escalation brings new deadlines (which the sweep
 * may find already missed), and only then is silence after a response judged.
 */
export const CATCH_UP_ORDER: readonly ScheduledJob[] = [
  'same-day-escalation',
  'sla-sweep',
  'auto-close',
  'retention',
];

export function jobCommand(job: ScheduledJob): CaseCommand {
  return { type: JOB_PLAN[job].command, actor: systemActor(job), data: {} } as CaseCommand;
}

export class NoSuchJobError extends ApiProblemError {
  constructor(name: string) {
    super(404, 'no-such-job', `There is no job "${name}"; the jobs are ${JOBS.join(', ')}.`);
  }
}

export function scheduledJob(name: string): ScheduledJob {
  if (!(SCHEDULED_JOBS as readonly string[]).includes(name)) throw new NoSuchJobError(name);
  return name as ScheduledJob;
}

export class JobAlreadyRunningError extends ApiProblemError {
  constructor(job: string) {
    super(
      409,
      'job-running',
      `The ${job} job is running on another server; try again when it has finished.`,
    );
  }
}

/** A job asked of a server that is shutting down (503: ask again, or another replica). */
export class ServerStoppingError extends ApiProblemError {
  constructor() {
    super(
      503,
      'server-stopping',
      'The server is shutting down; run the job again shortly, or on another server.',
    );
  }
}
