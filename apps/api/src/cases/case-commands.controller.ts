import { ApiController } from '../http/api-controller.decorator';
import { Body, Post, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { API_PREFIX } from '../api-prefix';
import { ApiProblems } from '../http/api-problems.decorator';
import { OptionalHeader } from '../http/optional-header.decorator';
import { NoCaseToMatchError } from '../http/problem';
import { Context, type RequestContext } from '../http/request-context';
import { CaseCommandPost, CaseCommandTarget, type CommandTarget } from './case-command.decorators';
import { CommandResultResponse } from './case-detail.response';
import * as Requests from './case-requests';
import { commandFor, type CaseCommandRouteName, type RequestOf } from './case-requests';
import { CaseCommandMessage } from './commands/case-command.message';
import { checkIdempotencyKey } from './commands/idempotency-key';
import { ReceiveCaseCommand } from './commands/receive-case.command';
import { ETagInterceptor } from './etag.interceptor';

/** Every command with a JSON body. Each answers `{id, reference, revision, position, case}` with an ETag. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 413, 415, 422, 503)
@UseInterceptors(ETagInterceptor)
@ApiController('cases')
export class CaseCommandsController {
  constructor(private readonly commands: CommandBus) {}

  private send<Name extends CaseCommandRouteName>(
    name: Name,
    body: RequestOf<Name>,
    { caseId, options }: CommandTarget,
  ): Promise<CommandResultResponse> {
    const command = commandFor(name, body, options.context.actor);
    return this.commands.execute(new CaseCommandMessage(caseId, command, options));
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

  @CaseCommandPost('AcknowledgeCase')
  acknowledge(
    @Body() body: Requests.AcknowledgeCaseRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('AcknowledgeCase', body, on);
  }

  @CaseCommandPost('AssignOwner')
  assign(@Body() body: Requests.AssignOwnerRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('AssignOwner', body, on);
  }

  @CaseCommandPost('EscalateCase')
  escalate(@Body() body: Requests.EscalateCaseRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('EscalateCase', body, on);
  }

  @CaseCommandPost('RespondToCase')
  respond(@Body() body: Requests.RespondToCaseRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('RespondToCase', body, on);
  }

  @CaseCommandPost('ExtendDeadline')
  extendDeadline(
    @Body() body: Requests.ExtendDeadlineRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('ExtendDeadline', body, on);
  }

  @CaseCommandPost('RecordCorrespondence')
  correspondence(
    @Body() body: Requests.RecordCorrespondenceRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('RecordCorrespondence', body, on);
  }

  @CaseCommandPost('AddNote')
  note(@Body() body: Requests.AddNoteRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('AddNote', body, on);
  }

  @CaseCommandPost('RecordRepresentativeAuthorisation')
  representativeAuthorisation(
    @Body() body: Requests.RepresentativeAuthorisationRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('RecordRepresentativeAuthorisation', body, on);
  }

  @CaseCommandPost('RecordGuardianNotification')
  guardianNotification(
    @Body() body: Requests.GuardianNotificationRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('RecordGuardianNotification', body, on);
  }

  @CaseCommandPost('GiveConfidentialityNotice')
  confidentialityNotice(
    @Body() body: Requests.ConfidentialityNoticeRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('GiveConfidentialityNotice', body, on);
  }

  @CaseCommandPost('RecordExternalReferral')
  externalReferral(
    @Body() body: Requests.ExternalReferralRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('RecordExternalReferral', body, on);
  }

  @CaseCommandPost('ChangeCategories')
  categories(
    @Body() body: Requests.ChangeCategoriesRequest,
    @CaseCommandTarget() on: CommandTarget,
  ) {
    return this.send('ChangeCategories', body, on);
  }

  @CaseCommandPost('CloseCase')
  close(@Body() body: Requests.CloseCaseRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('CloseCase', body, on);
  }

  @CaseCommandPost('ReopenCase')
  reopen(@Body() body: Requests.ReopenCaseRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('ReopenCase', body, on);
  }

  @CaseCommandPost('EraseCase')
  erase(@Body() body: Requests.EraseCaseRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('EraseCase', body, on);
  }

  @CaseCommandPost('PlaceLegalHold')
  placeLegalHold(@Body() body: Requests.LegalHoldRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('PlaceLegalHold', body, on);
  }

  @CaseCommandPost('LiftLegalHold')
  liftLegalHold(@Body() body: Requests.LegalHoldRequest, @CaseCommandTarget() on: CommandTarget) {
    return this.send('LiftLegalHold', body, on);
  }
}
