import { ApiController } from '../http/api-controller.decorator';
import { Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseStatus } from '#domain';
import { listableCases } from './case-visibility';
import type { Clock } from '#event-store';
import { decodeCursor, encodeCursor, type ReadSide } from '#read-models';
import { ApiProblems } from '../http/api-problems.decorator';
import { InputValidationError } from '../http/problem';
import { Context, type RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
import { CLOCK } from '../storage/storage';
import { CaseQueueRequest } from './case-queue.request';
import { MinPositionInterceptor } from './min-position.interceptor';

export const MinPositionHeader = () =>
  ApiHeader({
    name: 'X-CLF-Min-Position',
    required: false,
    description:
      'A command’s `position`: answer only once the read models include it (503 after 5 s).',
  });

@ApiTags('queues')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 503)
@UseInterceptors(MinPositionInterceptor)
@ApiController('cases')
export class CaseQueueController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @MinPositionHeader()
  @ApiOperation({
    summary:
      'The case queue: filtered, sorted, a page at a time (open cases, soonest deadline first, by default)',
  })
  @ApiOkResponse({ description: '`{items: [summary], nextCursor}`' })
  async list(@Query() request: CaseQueueRequest, @Context() { actor }: RequestContext) {
    const visibility = listableCases(actor);
    const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    if (cursor === null)
      throw new InputValidationError([
        { field: 'cursor', message: 'cursor must be a nextCursor this API returned' },
      ]);
    const now = this.clock().toISOString();
    const page = await this.projections.store().page({
      kind: request.kind,
      stage: request.stage,
      status: request.status?.split(',') as CaseStatus[] | undefined,
      ownerId: request.ownerId,
      unassigned: request.unassigned === 'true',
      overdue: request.overdue === 'true',
      dueBefore: request.dueBefore && new Date(request.dueBefore).toISOString(),
      category: request.category,
      q: request.q,
      receivedFrom: request.receivedFrom && new Date(request.receivedFrom).toISOString(),
      receivedTo: request.receivedTo && new Date(request.receivedTo).toISOString(),
      sort: request.sort ?? 'dueBy',
      limit: request.limit ?? 50,
      cursor,
      now,
      visibility,
    });
    return {
      items: page.items.map((summary) => ({
        ...summary,
        overdue: summary.nextDeadline !== null && summary.nextDeadline.dueBy < now,
      })),
      nextCursor: page.next && encodeCursor(page.next),
    };
  }
}
