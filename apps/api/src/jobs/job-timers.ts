import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import type { ScheduledJob } from '#domain';
import { JobRunner } from './job-runner.service';
import {
  CATCH_UP_ORDER,
  CHAIN_AUDIT_CRON,
  CHAIN_AUDIT_JOB,
  JOB_PLAN,
  JobAlreadyRunningError,
  NOTIFICATION_CRON,
  ServerStoppingError,
} from './scheduled-jobs';

/**
 * The jobs' timers (left out with CLF_SCHEDULER=off). On start-up every job runs once, so
 * what fell due while the server was down is done at once rather than at the next tick —
 * once the read models (the jobs' candidates) have caught up, even if they are being built.
 */
@Injectable()
export class JobTimers implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(private readonly runner: JobRunner) {}

  /** The start-up run of every job, in an order where each sees what the one before did. */
  catchUp: Promise<void> = Promise.resolve();

  onApplicationBootstrap(): void {
    this.catchUp = (async () => {
      await this.runner.whenIndexBuilt();
      for (const job of CATCH_UP_ORDER) await this.fire(job);
    })();
  }

  @Cron(JOB_PLAN['sla-sweep'].cron, { name: 'sla-sweep' })
  sweep(): Promise<void> {
    return this.fire('sla-sweep');
  }

  @Cron(JOB_PLAN['auto-close'].cron, { name: 'auto-close' })
  autoClose(): Promise<void> {
    return this.fire('auto-close');
  }

  @Cron(JOB_PLAN['same-day-escalation'].cron, { name: 'same-day-escalation' })
  sameDayEscalation(): Promise<void> {
    return this.fire('same-day-escalation');
  }

  @Cron(JOB_PLAN.retention.cron, { name: 'retention' })
  retention(): Promise<void> {
    return this.fire('retention');
  }

  @Cron(CHAIN_AUDIT_CRON, { name: CHAIN_AUDIT_JOB })
  async chainAudit(): Promise<void> {
    await this.quietly(CHAIN_AUDIT_JOB, () => this.runner.audit());
  }

  @Cron(NOTIFICATION_CRON, { name: 'reminders' })
  async reminders(): Promise<void> {
    await this.quietly('reminders', () => this.runner.notify('reminders'));
  }

  @Cron(NOTIFICATION_CRON, { name: 'digest' })
  async digest(): Promise<void> {
    await this.quietly('digest', () => this.runner.notify('digest'));
  }

  /** A timer's run: a replica that finds the job running elsewhere leaves it to that one. */
  private fire(job: ScheduledJob): Promise<void> {
    return this.quietly(job, () => this.runner.run(job));
  }

  private async quietly(job: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof JobAlreadyRunningError || error instanceof ServerStoppingError) return;
      this.logger.error(`The ${job} job failed: ${String(error)}`);
    }
  }
}
