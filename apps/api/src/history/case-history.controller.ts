import { ApiController } from '../http/api-controller.decorator';
import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CaseNotFoundError, caseStream } from '#domain';
import { StreamNotFoundError, type RecordedEvent } from '#event-store';
import { caseDetail } from '../cases/case-detail.response';
import { apiPosition, loadVisibleCase } from '../cases/case-stream';
import { Instant } from '../cases/request-fields';
import { caseAsOf } from './case-as-of';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { STORAGE, type Storage } from '../storage/storage';

class HistoryRequest {
  @IsOptional()
  @Instant()
  @ApiProperty({
    required: false,
    format: 'date-time',
    description: 'Only what the system had recorded by then.',
  })
  asOf?: string;
}

const entry = (event: RecordedEvent) => ({
  revision: event.revision,
  position: apiPosition(event.position),
  type: event.type,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId,
  ...(event.metadata.clientRequestId ? { clientRequestId: event.metadata.clientRequestId } : {}),
  causationId: event.metadata.causationId,
  data: event.data,
  prevHash: event.prevHash,
  hash: event.hash,
});

/** The audit trail, read from the stream itself: always complete and current. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(400, 401, 404)
@ApiController('cases/:id/history')
export class CaseHistoryController {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  @Get()
  @ApiOperation({
    summary: 'Every event of the case; with asOf, the case as the system knew it then',
  })
  async history(
    @Param('id') id: string,
    @Query() { asOf }: HistoryRequest,
    @Context() { actor }: RequestContext,
  ) {
    // Whoever may see the case now may read its history.
    const { state, events, integrity } = await loadVisibleCase(this.storage.events, id, actor);
    const cutoff = asOf && new Date(asOf).toISOString();
    const { known, state: then } = cutoff ? caseAsOf(events, cutoff) : { known: events, state };
    return {
      id,
      reference: state.reference,
      asOf: cutoff ?? null,
      // Of the whole trail as stored now, with or without asOf.
      integrity,
      events: known.map(entry),
      state: then && caseDetail(then, known[known.length - 1].revision, integrity),
    };
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Recompute the hash chain: is the trail intact, and if not, where does it break?',
  })
  async verify(@Param('id') id: string, @Context() { actor }: RequestContext) {
    await loadVisibleCase(this.storage.events, id, actor);
    try {
      return await this.storage.events.verify(caseStream(id));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new CaseNotFoundError();
      throw error;
    }
  }
}
