import { Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ScheduledJob } from '#domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../http/request-context';
import { JobRunner } from '../../jobs/job-runner.service';
import {
  CHAIN_AUDIT_CRON,
  CHAIN_AUDIT_JOB,
  JOB_PLAN,
  isNotificationJob,
  JobAlreadyRunningError,
  NOTIFICATION_CRON,
  NOTIFICATION_JOBS,
  scheduledJob,
  type NotificationJob,
} from '../../jobs/scheduled-jobs';
import { STORAGE, type Storage } from '../../storage/storage';
import { ConsolePages } from '../pages/console-page.decorator';
import { ConsoleContext } from '../sessions/console-request';
import { requireAdministrator } from './admin-access';
import { jobName } from './job-words';
import { chainAuditView, jobView, ranBanner, RUNS_SHOWN, type TimersAt } from './jobs-view';

/**
 * The scheduled jobs for administrators: each with its schedule and what its last runs
 * did, and "Run now". A run asked for while one is under way (a double submit, or another
 * replica's run holding the job's lease) is not started again: the page says so.
 */
@Controller('admin/jobs')
@ConsolePages()
export class JobsPageController {
  constructor(
    private readonly runner: JobRunner,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Query('ran') ran: unknown,
  ) {
    requireAdministrator(context);
    const job = typeof ran === 'string' && (ran in JOB_PLAN || isNotificationJob(ran)) ? ran : null;
    const banner = job ? ranBanner(job, (await this.storage.jobRuns.latest(job, 1))[0]) : undefined;
    await this.render(response, { banner });
  }

  /** Checks every case's chain now; what it found is on the page it returns to. */
  @Post('chain-audit/run')
  async audit(@ConsoleContext() context: RequestContext, @Res() response: Response) {
    requireAdministrator(context);
    if (this.runner.isRunning(CHAIN_AUDIT_JOB))
      return this.alreadyRunning(response, CHAIN_AUDIT_JOB);
    try {
      await this.runner.audit();
    } catch (error) {
      if (error instanceof JobAlreadyRunningError)
        return this.alreadyRunning(response, CHAIN_AUDIT_JOB);
      throw error;
    }
    response.redirect(303, '/admin/jobs#job-chain-audit');
  }

  @Post(':job/run')
  async run(
    @ConsoleContext() context: RequestContext,
    @Res() response: Response,
    @Param('job') name: string,
  ) {
    requireAdministrator(context);
    const job = isNotificationJob(name) ? name : scheduledJob(name);
    const before = await this.lastRunId(job);
    // No await between the check and the start: a second submit finds the first under way.
    if (this.runner.isRunning(job)) return this.alreadyRunning(response, job);
    try {
      await (isNotificationJob(job) ? this.runner.notify(job) : this.runner.run(job));
    } catch (error) {
      if (error instanceof JobAlreadyRunningError) return this.alreadyRunning(response, job);
      // A run that failed is recorded as failed, and the page shows it; a run that never
      // started (the server stopping, the leases unreachable) is an error page.
      if ((await this.lastRunId(job)) === before) throw error;
    }
    response.redirect(303, `/admin/jobs?ran=${job}`);
  }

  private async lastRunId(job: ScheduledJob | NotificationJob): Promise<string | undefined> {
    return (await this.storage.jobRuns.latest(job, 1))[0]?.runId;
  }

  private alreadyRunning(response: Response, job: string) {
    return this.render(
      response,
      {
        banner: {
          text: `The ${jobName(job)} job is already running, so it was not started again. Its run shows here when it has finished: reload this page.`,
        },
      },
      409,
    );
  }

  private async render(response: Response, extra: Record<string, unknown>, status = 200) {
    const timers: TimersAt = !this.config.scheduler
      ? 'off'
      : this.config.role === 'api'
        ? 'worker'
        : 'here';
    const plans: ReadonlyArray<readonly [ScheduledJob | NotificationJob, { cron: string }]> = [
      ...(Object.keys(JOB_PLAN) as ScheduledJob[]).map((job) => [job, JOB_PLAN[job]] as const),
      ...NOTIFICATION_JOBS.map((job) => [job, { cron: NOTIFICATION_CRON }] as const),
    ];
    const jobs = await Promise.all(
      plans.map(async ([job, plan]) =>
        jobView(job, plan, {
          timers,
          runningHere: this.runner.isRunning(job),
          runs: await this.storage.jobRuns.latest(job, RUNS_SHOWN),
        }),
      ),
    );
    const chainAudit = chainAuditView(
      { cron: CHAIN_AUDIT_CRON },
      {
        timers,
        runningHere: this.runner.isRunning(CHAIN_AUDIT_JOB),
        last: await this.storage.chainAudits.latest(),
      },
    );
    response
      .status(status)
      .render('admin/jobs', { pageTitle: 'Scheduled jobs', jobs, chainAudit, ...extra });
  }
}
