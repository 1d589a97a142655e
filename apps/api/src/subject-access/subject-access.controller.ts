import { Get, Query, StreamableFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { checkIdempotencyKey } from '../cases/commands/idempotency-key';
import { ApiController } from '../http/api-controller.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { OptionalHeader } from '../http/optional-header.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { MinPositionHeader } from '../queries/case-queue.controller';
import { MinPositionInterceptor } from '../queries/min-position.interceptor';
import { searchOf, SubjectAccessRequest } from './subject-access-search';
import { archiveDisposition, SubjectAccess } from './subject-access.service';

/** Subject access: everything about a person, as one ZIP. */
@ApiTags('personal data')
@ApiBearerAuth()
@UseInterceptors(MinPositionInterceptor)
@ApiController('people/export')
export class SubjectAccessController {
  constructor(private readonly subjectAccess: SubjectAccess) {}

  @Get()
  @MinPositionHeader()
  @ApiOperation({
    summary:
      'Export everything about a person (by e-mail, phone or name, as complainant or representative) as one ZIP; data protection only',
    description:
      'Give exactly one of email, phone or name. The ZIP holds summary.html, and for each case cases/<reference>/history.json and its documents. The export is recorded in each case’s trail (PersonalDataExported, without the value searched for). 404 when nothing is found, recording nothing.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Send the same key to retry safely: the export is recorded in each case once.',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The ZIP, as an attachment.' })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  async export(
    @Query() request: SubjectAccessRequest,
    @Context() context: RequestContext,
    @OptionalHeader('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<StreamableFile> {
    const exported = await this.subjectAccess.export(searchOf(request), {
      context,
      idempotencyKey: checkIdempotencyKey(idempotencyKey),
    });
    return new StreamableFile(this.subjectAccess.archive(exported), {
      type: 'application/zip',
      disposition: archiveDisposition(exported),
    });
  }
}
