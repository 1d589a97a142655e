import { ApiController } from '../http/api-controller.decorator';
import { ForbiddenException, Get, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { mayAdminister, type Actor } from '#domain';
import { RebuildInProgressError, type ReadSide } from '#read-models';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
import { CaseStateConflictError } from '#domain';

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblems(401, 403, 409)
@ApiController('admin/projections')
export class ProjectionsAdminController {
  private readonly logger = new Logger('Projections');

  constructor(@Inject(PROJECTIONS) private readonly projections: ReadSide) {}

  private allowed(actor: Actor): void {
    if (!mayAdminister(actor)) throw new ForbiddenException('Projections are for admins.');
  }

  @Get()
  @ApiOperation({
    summary: 'Each read model: checkpoint, lag in events and seconds, rebuilding or not',
  })
  status(@Context() { actor }: RequestContext) {
    this.allowed(actor);
    return this.projections.status();
  }

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Replay every event into fresh read models; the current ones serve until it has caught up',
  })
  async rebuild(@Context() { actor }: RequestContext) {
    this.allowed(actor);
    try {
      const answer = await this.projections.requestRebuild(actor.id);
      this.logger.log(`Rebuild asked for by ${actor.id}: ${JSON.stringify(answer)}`);
      return answer;
    } catch (error) {
      if (error instanceof RebuildInProgressError)
        throw new CaseStateConflictError(
          'rebuild-in-progress',
          'A rebuild is already running; GET /admin/projections shows its progress.',
        );
      throw error;
    }
  }
}
