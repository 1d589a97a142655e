import { randomUUID } from 'node:crypto';
import type { ArgumentMetadata } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import type { Actor } from '#domain';
import {
  AttachDocumentCommand,
  CaseRequests as Requests,
  PassThroughCommands as Commands,
  ReceiveCaseCommand,
  RecordGuardianNotificationCommand,
  validationPipe,
  type CommandOptions,
  type CommandResultResponse,
  type Upload,
} from '#api';

/** A file someone attaches in the demo year: staged as an upload would be before it is sent. */
export interface DemoFile {
  originalname: string;
  content: Buffer;
}

/**
 * What someone does in the demo year, as the request they would send: the same request
 * classes, the same validation and the same CQRS commands as the HTTP API.
 */
export type DemoCommand =
  | { type: 'receive'; body: Requests.ReceiveCaseRequest }
  | { type: 'acknowledge'; body: Requests.AcknowledgeCaseRequest }
  | { type: 'assign'; body: Requests.AssignOwnerRequest }
  | { type: 'escalate'; body: Requests.EscalateCaseRequest }
  | { type: 'respond'; body: Requests.RespondToCaseRequest }
  | { type: 'correspondence'; body: Requests.RecordCorrespondenceRequest }
  | { type: 'note'; body: Requests.AddNoteRequest }
  | { type: 'attach'; file: DemoFile }
  | { type: 'authorise-representative'; body: Requests.RepresentativeAuthorisationRequest }
  | { type: 'guardian'; body: Requests.GuardianNotificationRequest }
  | { type: 'confidentiality'; body: Requests.ConfidentialityNoticeRequest }
  | { type: 'external-referral'; body: Requests.ExternalReferralRequest }
  | { type: 'categories'; body: Requests.ChangeCategoriesRequest }
  | { type: 'close'; body: Requests.CloseCaseRequest }
  | { type: 'reopen'; body: Requests.ReopenCaseRequest };

type OnCase = Exclude<DemoCommand, { type: 'receive' } | { type: 'attach' }>;

/** A case command's message class, whatever its body (each route pairs it with its own request class). */
type MessageClass = new (
  caseId: string,
  body: never,
  options: CommandOptions,
) => Command<CommandResultResponse>;

/** For each command on an existing case: its request class (validated as over HTTP) and its message. */
const ROUTES: Record<OnCase['type'], { request: new () => object; message: MessageClass }> = {
  acknowledge: {
    request: Requests.AcknowledgeCaseRequest,
    message: Commands.AcknowledgeCase.Message,
  },
  assign: { request: Requests.AssignOwnerRequest, message: Commands.AssignOwner.Message },
  escalate: { request: Requests.EscalateCaseRequest, message: Commands.EscalateCase.Message },
  respond: { request: Requests.RespondToCaseRequest, message: Commands.RespondToCase.Message },
  correspondence: {
    request: Requests.RecordCorrespondenceRequest,
    message: Commands.RecordCorrespondence.Message,
  },
  note: { request: Requests.AddNoteRequest, message: Commands.AddNote.Message },
  'authorise-representative': {
    request: Requests.RepresentativeAuthorisationRequest,
    message: Commands.RecordRepresentativeAuthorisation.Message,
  },
  guardian: {
    request: Requests.GuardianNotificationRequest,
    message: RecordGuardianNotificationCommand,
  },
  confidentiality: {
    request: Requests.ConfidentialityNoticeRequest,
    message: Commands.GiveConfidentialityNotice.Message,
  },
  'external-referral': {
    request: Requests.ExternalReferralRequest,
    message: Commands.RecordExternalReferral.Message,
  },
  categories: {
    request: Requests.ChangeCategoriesRequest,
    message: Commands.ChangeCategories.Message,
  },
  close: { request: Requests.CloseCaseRequest, message: Commands.CloseCase.Message },
  reopen: { request: Requests.ReopenCaseRequest, message: Commands.ReopenCase.Message },
};

/** The body as the API's validation pipe turns it into its request class (or refuses it). */
async function validated(body: object, request: new () => object): Promise<object> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: request };
  return (await validationPipe.transform(body, metadata)) as object;
}

/**
 * The CQRS command for what `actor` does: a fresh correlation id per act, as each HTTP
 * request gets one. `caseId` is the case the story is about (none yet for `receive`);
 * `upload` is an `attach`'s file, staged.
 */
export async function toCqrsCommand(
  command: DemoCommand,
  actor: Actor,
  caseId: string | null,
  upload: Upload | null = null,
): Promise<Command<CommandResultResponse>> {
  const context = { actor, correlationId: randomUUID() };
  if (command.type === 'receive')
    return new ReceiveCaseCommand(
      (await validated(command.body, Requests.ReceiveCaseRequest)) as Requests.ReceiveCaseRequest,
      { context },
    );
  if (caseId === null) throw new Error(`a story sent ${command.type} before receiving its case`);
  if (command.type === 'attach') {
    if (upload === null) throw new Error('an attach was sent without its file staged');
    return new AttachDocumentCommand(caseId, upload, { context });
  }
  const route = ROUTES[command.type];
  const body = await validated(command.body, route.request);
  return new route.message(caseId, body as never, { context });
}
