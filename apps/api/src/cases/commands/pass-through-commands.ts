import { CommandHandler } from '@nestjs/cqrs';
import type { CaseCommand } from '#domain';
import type * as Requests from '../case-requests';
import { CaseCommandHandler, CaseCommandMessage, given } from './case-command.message';

type DataOf<Type extends CaseCommand['type']> = Extract<CaseCommand, { type: Type }>['data'];

/**
 * The commands whose request body is the domain command's data as it stands. Each gets
 * its own message class and its own handler on the CommandBus.
 */
function passThrough<Type extends CaseCommand['type'], Body extends DataOf<Type>>(type: Type) {
  class Message extends CaseCommandMessage<Body> {}
  Object.defineProperty(Message, 'name', { value: `${type}Command` });

  @CommandHandler(Message)
  class Handler extends CaseCommandHandler<Message> {
    protected toDomain({ body, options }: Message): CaseCommand {
      return { type, actor: options.context.actor, data: given(body) } as CaseCommand;
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${type}Handler` });
  return { Message, Handler };
}

export const AcknowledgeCase = passThrough<'AcknowledgeCase', Requests.AcknowledgeCaseRequest>(
  'AcknowledgeCase',
);
export const AssignOwner = passThrough<'AssignOwner', Requests.AssignOwnerRequest>('AssignOwner');
export const EscalateCase = passThrough<'EscalateCase', Requests.EscalateCaseRequest>(
  'EscalateCase',
);
export const RespondToCase = passThrough<'RespondToCase', Requests.RespondToCaseRequest>(
  'RespondToCase',
);
export const RecordCorrespondence = passThrough<
  'RecordCorrespondence',
  Requests.RecordCorrespondenceRequest
>('RecordCorrespondence');
export const AddNote = passThrough<'AddNote', Requests.AddNoteRequest>('AddNote');
export const RecordRepresentativeAuthorisation = passThrough<
  'RecordRepresentativeAuthorisation',
  Requests.RepresentativeAuthorisationRequest
>('RecordRepresentativeAuthorisation');
export const GiveConfidentialityNotice = passThrough<
  'GiveConfidentialityNotice',
  Requests.ConfidentialityNoticeRequest
>('GiveConfidentialityNotice');
export const RecordExternalReferral = passThrough<
  'RecordExternalReferral',
  Requests.ExternalReferralRequest
>('RecordExternalReferral');
export const ChangeCategories = passThrough<'ChangeCategories', Requests.ChangeCategoriesRequest>(
  'ChangeCategories',
);
export const CloseCase = passThrough<'CloseCase', Requests.CloseCaseRequest>('CloseCase');
export const ReopenCase = passThrough<'ReopenCase', Requests.ReopenCaseRequest>('ReopenCase');

export const PASS_THROUGH_HANDLERS = [
  AcknowledgeCase,
  AssignOwner,
  EscalateCase,
  RespondToCase,
  RecordCorrespondence,
  AddNote,
  RecordRepresentativeAuthorisation,
  GiveConfidentialityNotice,
  RecordExternalReferral,
  ChangeCategories,
  CloseCase,
  ReopenCase,
].map(({ Handler }) => Handler);
