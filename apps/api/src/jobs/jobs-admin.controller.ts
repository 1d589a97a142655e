import { ApiController } from '../http/api-controller.decorator';
import { ForbiddenException, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { mayAdminister, SCHEDULED_JOBS } from '#domain';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { JobRunner, type JobRunReport } from './job-runner.service';
import { scheduledJob } from './scheduled-jobs';

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblems(401, 403, 404, 409, 503)
@ApiController('admin/jobs')
export class JobsAdminController {
  constructor(private readonly runner: JobRunner) {}

  @Post(':job/run')
  @HttpCode(200)
  @ApiParam({ name: 'job', enum: SCHEDULED_JOBS })
  @ApiOperation({
    summary:
      'Run a scheduled job now and say what it did (a run already under way here is joined, not repeated)',
  })
  run(@Param('job') name: string, @Context() { actor }: RequestContext): Promise<JobRunReport> {
    if (!mayAdminister(actor)) throw new ForbiddenException('Jobs are for admins.');
    return this.runner.run(scheduledJob(name));
  }
}
