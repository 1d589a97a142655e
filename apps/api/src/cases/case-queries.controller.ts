import { ApiController } from '../http/api-controller.decorator';
import { Get, Param, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { CaseDetailResponse } from './case-detail.response';
import { CaseReader } from './case-reader.service';
import { ETagInterceptor } from './etag.interceptor';

/** A case read from its stream, so always current; with its revision as ETag. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 503)
@UseInterceptors(ETagInterceptor)
@ApiController('cases')
export class CaseQueriesController {
  constructor(private readonly reader: CaseReader) {}

  // Declared before `:id` routes so "by-reference" is never taken for an id.
  @Get('by-reference/:reference')
  @ApiOperation({ summary: 'A case by its reference number, e.g. DMM-2026-00042' })
  @ApiOkResponse({ type: CaseDetailResponse })
  byReference(@Param('reference') reference: string, @Context() { actor }: RequestContext) {
    return this.reader.detailByReference(reference, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case' })
  @ApiOkResponse({ type: CaseDetailResponse })
  detail(@Param('id') id: string, @Context() { actor }: RequestContext) {
    return this.reader.detail(id, actor);
  }
}
