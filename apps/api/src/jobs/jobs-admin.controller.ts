import { ApiController } from '../http/api-controller.decorator';
import { ForbiddenException, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { mayAdminister, type Actor } from '#domain';
import type { ChainAuditResult, ChainAuditResults } from '#scheduling';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { JobRunner, type JobRunReport } from './job-runner.service';
import { CHAIN_AUDIT_JOB, isNotificationJob, JOBS, scheduledJob } from './scheduled-jobs';
import type { NotificationRunReport } from '../staff-notifications/staff-notifier';
import { CHAIN_AUDIT_RESULTS } from '../storage/storage';

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblems(401, 403, 404, 409, 503)
@ApiController('admin/jobs')
export class JobsAdminController {
  constructor(
    private readonly runner: JobRunner,
    @Inject(CHAIN_AUDIT_RESULTS) private readonly chainAudits: ChainAuditResults,
  ) {}

  @Get(CHAIN_AUDIT_JOB)
  @ApiOperation({
    summary:
      'What the last run of chain-audit found: cases and events checked, any case whose hash chain is broken and where, when',
  })
  async chainAudit(@Context() { actor }: RequestContext): Promise<{
    lastRun: ChainAuditResult | null;
  }> {
    mayRunJobs(actor);
    return { lastRun: await this.chainAudits.latest() };
  }

  @Post(':job/run')
  @HttpCode(200)
  @ApiParam({ name: 'job', enum: JOBS })
  @ApiOperation({
    summary:
      'Run a scheduled job now and say what it did (a run already under way here is joined, not repeated)',
  })
  run(
    @Param('job') name: string,
    @Context() { actor }: RequestContext,
  ): Promise<JobRunReport | ChainAuditResult | NotificationRunReport> {
    mayRunJobs(actor);
    if (name === CHAIN_AUDIT_JOB) return this.runner.audit();
    if (isNotificationJob(name)) return this.runner.notify(name);
    return this.runner.run(scheduledJob(name));
  }
}

function mayRunJobs(actor: Actor): void {
  if (!mayAdminister(actor)) throw new ForbiddenException('Jobs are for admins.');
}
