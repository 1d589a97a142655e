import { randomUUID } from 'node:crypto';
import type { ArgumentMetadata } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import type { Actor } from '#domain';
import {
  AttachDocumentCommand,
  CASE_COMMAND_ROUTES,
  CaseCommandMessage,
  CaseRequests as Requests,
  commandFor,
  ReceiveCaseCommand,
  SendLetterRequest,
  validationPipe,
  type LetterWriter,
  type CaseCommandRouteName,
  type CommandResultResponse,
  type RequestOf,
  type Upload,
} from '#api';

/** A file someone attaches in the demo year: staged as an upload would be before it is sent. */
export interface DemoFile {
  originalname: string;
  content: Buffer;
}

/** For each act on an existing case in a story: the API's route for it (request class and command). */
const ROUTES = {
  acknowledge: 'AcknowledgeCase',
  assign: 'AssignOwner',
  escalate: 'EscalateCase',
  respond: 'RespondToCase',
  extend: 'ExtendDeadline',
  correspondence: 'RecordCorrespondence',
  note: 'AddNote',
  'authorise-representative': 'RecordRepresentativeAuthorisation',
  guardian: 'RecordGuardianNotification',
  confidentiality: 'GiveConfidentialityNotice',
  'external-referral': 'RecordExternalReferral',
  categories: 'ChangeCategories',
  close: 'CloseCase',
  reopen: 'ReopenCase',
} as const satisfies Record<string, CaseCommandRouteName>;

type OnCase = {
  [Type in keyof typeof ROUTES]: { type: Type; body: RequestOf<(typeof ROUTES)[Type]> };
}[keyof typeof ROUTES];

/**
 * What someone does in the demo year, as the request they would send: the same request
 * classes, the same validation and the same CQRS commands as the HTTP API.
 */
export type DemoCommand =
  | { type: 'receive'; body: Requests.ReceiveCaseRequest }
  | { type: 'attach'; file: DemoFile }
  | DemoLetter
  | OnCase;

/** A letter to the complainant, written as `POST /cases/:id/letters` writes it. */
export interface DemoLetter {
  type: 'letter';
  body: SendLetterRequest;
}

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
  if (command.type === 'letter') throw new Error('a letter is sent by sendDemoLetter');
  if (command.type === 'attach') {
    if (upload === null) throw new Error('an attach was sent without its file staged');
    return new AttachDocumentCommand(caseId, upload, { context });
  }
  const name = ROUTES[command.type];
  const body = await validated(command.body, CASE_COMMAND_ROUTES[name].request);
  return new CaseCommandMessage(caseId, commandFor(name, body as never, actor), { context });
}

/**
 * Sends a letter as the API does: the same request class and validation, then the letter
 * writer (which drafts from the policy's template, prints post, and records
 * `CorrespondenceSent`); its e-mail waits in the outbox.
 */
export async function sendDemoLetter(
  writer: LetterWriter,
  letter: DemoLetter,
  actor: Actor,
  caseId: string,
): Promise<void> {
  const body = (await validated(letter.body, SendLetterRequest)) as SendLetterRequest;
  await writer.send(caseId, body, { context: { actor, correlationId: randomUUID() } });
}
