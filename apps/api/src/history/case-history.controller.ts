import { ApiController } from '../http/api-controller.decorator';
import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CaseNotFoundError, caseStream } from '#domain';
import { StreamNotFoundError } from '#event-store';
import { loadVisibleCase } from '../cases/case-stream';
import { Instant } from '../cases/request-fields';
import { caseHistory } from './case-history';
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
    const loaded = await loadVisibleCase(this.storage.events, id, actor);
    return caseHistory(loaded, asOf && new Date(asOf).toISOString());
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
