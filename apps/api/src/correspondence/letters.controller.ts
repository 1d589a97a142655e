import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiController } from '../http/api-controller.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { OptionalHeader } from '../http/optional-header.decorator';
import { Context, type RequestContext } from '../http/request-context';
import { CaseCommandTarget, IfMatch, type CommandTarget } from '../cases/case-command.decorators';
import { checkIdempotencyKey } from '../cases/commands/idempotency-key';
import type { LetterRecord } from './letter-list';
import { SendLetterRequest } from './letter-request';
import { LetterWriter, type SentLetterResult } from './letter-writer.service';

/** Letters to the complainant or their representative: written here, e-mailed by the dispatcher. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 404, 409, 412, 422, 503)
@ApiController('cases')
export class LettersController {
  constructor(private readonly writer: LetterWriter) {}

  @Post(':id/letters')
  @HttpCode(202)
  @IfMatch()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Send the same key with the same body to retry safely: one letter, never two.',
  })
  @ApiOperation({
    summary:
      'Write to the complainant (or their authorised representative) by e-mail and/or post; e-mail goes from the outbox',
  })
  @ApiAcceptedResponse({ description: 'Recorded; the e-mail, if any, waits in the outbox.' })
  send(
    @Body() body: SendLetterRequest,
    @CaseCommandTarget() { caseId, options }: CommandTarget,
    @OptionalHeader('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<SentLetterResult> {
    return this.writer.send(caseId, body, {
      ...options,
      idempotencyKey: checkIdempotencyKey(idempotencyKey),
    });
  }

  @Get(':id/letters')
  @ApiOperation({ summary: 'What was sent to the complainant, and what became of each e-mail' })
  @ApiOkResponse({ description: '`{letters: [...]}`, oldest first.' })
  async list(
    @Param('id') id: string,
    @Context() { actor }: RequestContext,
  ): Promise<{ letters: LetterRecord[] }> {
    return { letters: await this.writer.letters(id, actor) };
  }
}
