/**
 * What the server offers the operations command line (`apps/cli`, imported there as
 * `#api`): the application itself, its storage and read side, and the request classes and
 * messages of the command path the demo sends its year through — besides everything in
 * `#api/offline`, which loads none of it.
 */
export * from './offline';
export { createApp, createAppContext } from './create-app';
export { openStorage, STORAGE, type Storage } from './storage/storage';
export { generationsFor, PROJECTIONS } from './projections/projections.module';
export { JobRunner } from './jobs/job-runner.service';
export { CATCH_UP_ORDER } from './jobs/scheduled-jobs';
export { InputValidationError, UnsupportedUploadError } from './http/problem';
export { validationPipe } from './http/validation.pipe';
export { CASE_DECIDER } from './cases/case-decider.provider';
export type { CommandResultResponse } from './cases/case-detail.response';
export * as CaseRequests from './cases/case-requests';
export type { ComplainantRequest, PersonRequest, ReceiveCaseRequest } from './cases/case-requests';
export {
  CASE_COMMAND_ROUTES,
  commandFor,
  type CaseCommandRouteName,
  type RequestOf,
} from './cases/case-requests';
export { CaseCommandMessage } from './cases/commands/case-command.message';
export { AttachDocumentCommand, type Upload } from './cases/commands/attach-document.command';
export { ReceiveCaseCommand } from './cases/commands/receive-case.command';
export { StaffDirectory, type StaffMember } from './people/staff-directory';
export { AccountService } from './people/account.service';
export { LetterWriter } from './correspondence/letter-writer.service';
export { SendLetterRequest } from './correspondence/letter-request';
export { passwordProblem } from './people/password-rules';
export { NOTIFICATION_JOBS } from './jobs/scheduled-jobs';
export {
  DIGEST_LOCAL_HOUR,
  StaffNotifications,
} from './staff-notifications/staff-notifications.service';
export { mailboxTransport } from './correspondence/mail-transport';
