import {
  applyDecorators,
  Body,
  Controller,
  HttpCode,
  Param,
  Post,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { API_PREFIX } from '../api-prefix';
import { ApiProblems } from '../http/api-problems.decorator';
import { OptionalHeader } from '../http/optional-header.decorator';
import { NoCaseToMatchError } from '../http/problem';
import { Context, type RequestContext } from '../http/request-context';
import { CommandResultResponse } from './case-detail.response';
import * as Requests from './case-requests';
import type { CaseCommandMessage } from './commands/case-command.message';
import { checkIdempotencyKey } from './commands/idempotency-key';
import * as Commands from './commands/pass-through-commands';
import { ReceiveCaseCommand } from './commands/receive-case.command';
import { RecordGuardianNotificationCommand } from './commands/record-guardian-notification.command';
import { ETagInterceptor } from './etag.interceptor';

type MessageClass<Body> = new (
  ...args: ConstructorParameters<typeof CaseCommandMessage<Body>>
) => CaseCommandMessage<Body>;

/** A command on an existing case: If-Match, and the refusals only an existing case can give. */
const IfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The case’s ETag, e.g. "3": refused with 412 if the case has changed since.',
    }),
    ApiProblems(404, 409, 412),
  );

/** Every command of DESIGN §5. Each answers `{id, reference, revision, position, case}` with an ETag. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 413, 415, 422, 503)
@UseInterceptors(ETagInterceptor)
@Controller('cases')
export class CaseCommandsController {
  constructor(private readonly commands: CommandBus) {}

  private send<Body>(
    Message: MessageClass<Body>,
    id: string,
    body: Body,
    context: RequestContext,
    ifMatch: string | undefined,
  ): Promise<CommandResultResponse> {
    return this.commands.execute(new Message(id, body, { context, ifMatch }));
  }

  @Post()
  @ApiOperation({ summary: 'Record a complaint, compliment or suggestion' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Send the same key with the same body to retry safely: you get the original result, never a second case.',
  })
  @ApiCreatedResponse({
    type: CommandResultResponse,
    description: 'Recorded; `Location` names the case.',
  })
  async receive(
    @Body() body: Requests.ReceiveCaseRequest,
    @Context() context: RequestContext,
    @OptionalHeader('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @OptionalHeader('if-match') ifMatch?: string,
  ): Promise<CommandResultResponse> {
    // If-Match asks for an existing case; a new one has none to match.
    if (ifMatch !== undefined) throw new NoCaseToMatchError();
    const result = await this.commands.execute(
      new ReceiveCaseCommand(body, {
        context,
        idempotencyKey: checkIdempotencyKey(idempotencyKey),
      }),
    );
    response.setHeader('Location', `/${API_PREFIX}/cases/${result.id}`);
    return result;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Acknowledge the case' })
  @ApiOkResponse({ type: CommandResultResponse })
  acknowledge(
    @Param('id') id: string,
    @Body() body: Requests.AcknowledgeCaseRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.AcknowledgeCase.Message, id, body, context, ifMatch);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Assign the Owner (managers)' })
  @ApiOkResponse({ type: CommandResultResponse })
  assign(
    @Param('id') id: string,
    @Body() body: Requests.AssignOwnerRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.AssignOwner.Message, id, body, context, ifMatch);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Move the complaint to a later stage' })
  @ApiOkResponse({ type: CommandResultResponse })
  escalate(
    @Param('id') id: string,
    @Body() body: Requests.EscalateCaseRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.EscalateCase.Message, id, body, context, ifMatch);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Record the response sent (it also acknowledges)' })
  @ApiOkResponse({ type: CommandResultResponse })
  respond(
    @Param('id') id: string,
    @Body() body: Requests.RespondToCaseRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.RespondToCase.Message, id, body, context, ifMatch);
  }

  @Post(':id/correspondence')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Record correspondence from the complainant' })
  @ApiOkResponse({ type: CommandResultResponse })
  correspondence(
    @Param('id') id: string,
    @Body() body: Requests.RecordCorrespondenceRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.RecordCorrespondence.Message, id, body, context, ifMatch);
  }

  @Post(':id/notes')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Add a note' })
  @ApiOkResponse({ type: CommandResultResponse })
  note(
    @Param('id') id: string,
    @Body() body: Requests.AddNoteRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.AddNote.Message, id, body, context, ifMatch);
  }

  @Post(':id/representative-authorisation')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({
    summary: 'Record the complainant’s written authorisation of their representative',
  })
  @ApiOkResponse({ type: CommandResultResponse })
  representativeAuthorisation(
    @Param('id') id: string,
    @Body() body: Requests.RepresentativeAuthorisationRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(
      Commands.RecordRepresentativeAuthorisation.Message,
      id,
      body,
      context,
      ifMatch,
    );
  }

  @Post(':id/guardian-notification')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Record that a guardian was told, or waive it with a reason' })
  @ApiOkResponse({ type: CommandResultResponse })
  guardianNotification(
    @Param('id') id: string,
    @Body() body: Requests.GuardianNotificationRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(RecordGuardianNotificationCommand, id, body, context, ifMatch);
  }

  @Post(':id/confidentiality-notice')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Record that the complainant was told confidentiality cannot be kept' })
  @ApiOkResponse({ type: CommandResultResponse })
  confidentialityNotice(
    @Param('id') id: string,
    @Body() body: Requests.ConfidentialityNoticeRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.GiveConfidentialityNotice.Message, id, body, context, ifMatch);
  }

  @Post(':id/external-referral')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Record a referral to the external body' })
  @ApiOkResponse({ type: CommandResultResponse })
  externalReferral(
    @Param('id') id: string,
    @Body() body: Requests.ExternalReferralRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.RecordExternalReferral.Message, id, body, context, ifMatch);
  }

  @Post(':id/categories')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Change the categories (themes)' })
  @ApiOkResponse({ type: CommandResultResponse })
  categories(
    @Param('id') id: string,
    @Body() body: Requests.ChangeCategoriesRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.ChangeCategories.Message, id, body, context, ifMatch);
  }

  @Post(':id/close')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Close the case' })
  @ApiOkResponse({ type: CommandResultResponse })
  close(
    @Param('id') id: string,
    @Body() body: Requests.CloseCaseRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.CloseCase.Message, id, body, context, ifMatch);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @IfMatch()
  @ApiOperation({ summary: 'Reopen a closed case (managers)' })
  @ApiOkResponse({ type: CommandResultResponse })
  reopen(
    @Param('id') id: string,
    @Body() body: Requests.ReopenCaseRequest,
    @Context() context: RequestContext,
    @OptionalHeader('if-match') ifMatch?: string,
  ) {
    return this.send(Commands.ReopenCase.Message, id, body, context, ifMatch);
  }
}
