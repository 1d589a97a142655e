import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsOptional, ValidateIf } from 'class-validator';
import {
  type Actor,
  type CaseCommand,
  ADDRESSEES,
  CASE_KINDS,
  CHANNELS,
  CLOSE_REASONS,
  COMPLAINANT_ROLES,
  DEADLINE_KINDS,
  FORMALITIES,
  MAX_WORKING_DAYS_PER_EXTENSION,
  OUTCOMES,
  type Addressee,
  type CaseKind,
  type Channel,
  type CloseReason,
  type ComplainantRole,
  type DeadlineKind,
  type Formality,
  type Outcome,
} from '#domain';
import {
  BusinessTime,
  Categories,
  EmailAddress,
  Flag,
  Instant,
  LocalDateField,
  LONG_TEXT,
  NAME,
  Nested,
  NotWith,
  OneOf,
  SHORT_TEXT,
  Text,
  WholeNumber,
} from './request-fields';
import { guardianNotificationCommand } from './commands/guardian-notification';

/** The request bodies, field for field; commands on a case are paired with theirs at the end. */

export class PersonRequest {
  @Text(1, NAME, { example: 'u-mentor-7' }) id!: string;
  @Text(1, NAME, { example: 'Priya Patel' }) name!: string;
}

export class ComplainantRequest {
  @Text(1, NAME, { example: 'Ada Learner' }) name!: string;
  @EmailAddress() email?: string;
  @Text(1, 50, { optional: true }) phone?: string;
  @OneOf(COMPLAINANT_ROLES) role!: ComplainantRole;
  @Flag('The complainant is under 18: a guardian decision is then needed.') under18?: boolean;
}

export class RepresentativeRequest {
  @Text(1, NAME) name!: string;
  @Text(1, 100, { example: 'parent' }) relationship!: string;
  @EmailAddress() email?: string;
  @Text(1, 50, { optional: true }) phone?: string;
}

export class FirstContactResolutionRequest {
  @Text(1, SHORT_TEXT) resolution!: string;
}

export class ReceiveCaseRequest {
  @OneOf(CASE_KINDS) kind!: CaseKind;
  @OneOf(FORMALITIES, { optional: true, description: 'Complaints only; defaults to informal.' })
  formality?: Formality;
  @OneOf(CHANNELS) channel!: Channel;
  @BusinessTime('When the feedback arrived.') receivedAt?: string;
  @Text(1, 200, { example: 'Mentor missed two sessions' }) summary!: string;
  @Text(0, LONG_TEXT, { optional: true }) details?: string;
  @Nested(() => ComplainantRequest) complainant!: ComplainantRequest;
  @Nested(() => RepresentativeRequest, {
    optional: true,
    description: 'Someone raising it on the complainant’s behalf; needs written authorisation.',
  })
  representative?: RepresentativeRequest;
  @Categories({ optional: true }) categories?: string[];
  @Flag('About assessment or accreditation: goes to the appeals procedure.')
  assessmentRelated?: boolean;
  @Flag('The person asked for a response (compliments and suggestions).')
  responseRequested?: boolean;
  @Flag('A compliment to share as good practice.') shareAsGoodPractice?: boolean;
  @Nested(() => PersonRequest, { optional: true }) owner?: PersonRequest;
  @Nested(() => FirstContactResolutionRequest, {
    optional: true,
    description: 'Resolved by the Recipient on the day: recorded and closed at once.',
  })
  resolvedAtFirstContact?: FirstContactResolutionRequest;
}

export class AcknowledgeCaseRequest {
  @BusinessTime('When the complainant was acknowledged.') at?: string;
  @Text(1, 100, { optional: true, example: 'email' }) method?: string;
  @Text(1, SHORT_TEXT, { optional: true }) note?: string;
}

export class AssignOwnerRequest {
  @Nested(() => PersonRequest) owner!: PersonRequest;
}

export class OverrideRequest {
  @Text(1, SHORT_TEXT) reason!: string;
}

export class EscalateCaseRequest {
  @WholeNumber(1, 20, { optional: true, description: 'Defaults to the next stage.' })
  toStage?: number;
  @BusinessTime('When the request for the next stage was received.') requestReceivedAt?: string;
  @Flag('The request was made in writing.') inWriting?: boolean;
  @Text(1, SHORT_TEXT) reason!: string;
  @Nested(() => OverrideRequest, {
    optional: true,
    description: 'Senior managers only: accept a request after the window closed.',
  })
  override?: OverrideRequest;
}

export class RespondToCaseRequest {
  @BusinessTime('When the response was sent.') at?: string;
  @Text(1, LONG_TEXT) summary!: string;
  @OneOf(OUTCOMES) outcome!: Outcome;
  @OneOf(ADDRESSEES, { optional: true }) addressedTo?: Addressee;
  @Text(1, SHORT_TEXT, {
    optional: true,
    description: 'What was learned or changed because of it (reported as a learning point).',
  })
  learning?: string;
}

/** `addWorkingDays` or `newDueDate`: exactly one. */
export class ExtendDeadlineRequest {
  @OneOf(DEADLINE_KINDS) deadline!: DeadlineKind;
  @WholeNumber(1, 20, { description: 'The stage whose deadline it is: the case’s current stage.' })
  stage!: number;
  // Above `@WholeNumber`, so applied after it: the field is required only without `newDueDate`.
  @ApiProperty({
    required: false,
    description: 'Working days to add to the current due date; or give `newDueDate`.',
  })
  @ValidateIf((request: ExtendDeadlineRequest) => request.newDueDate === undefined)
  @WholeNumber(1, MAX_WORKING_DAYS_PER_EXTENSION)
  addWorkingDays?: number;
  @NotWith('addWorkingDays')
  @LocalDateField(
    'The new due date, a working day in the policy’s time zone: due by the end of it; or give `addWorkingDays`.',
    { optional: true },
  )
  newDueDate?: string;
  @Text(1, SHORT_TEXT) reason!: string;
  @Instant()
  @ApiProperty({
    required: false,
    type: String,
    format: 'date-time',
    description: 'When the complainant was told of the new date, if they have been.',
  })
  @IsOptional()
  complainantInformedAt?: string;
  @Nested(() => OverrideRequest, {
    optional: true,
    description: 'Senior managers only: extend beyond what the policy allows.',
  })
  override?: OverrideRequest;
}

export class RecordCorrespondenceRequest {
  @BusinessTime('When it arrived.') receivedAt?: string;
  @OneOf(CHANNELS) channel!: Channel;
  @Text(1, SHORT_TEXT) summary!: string;
}

export class AddNoteRequest {
  @Text(1, LONG_TEXT) text!: string;
}

export class RepresentativeAuthorisationRequest {
  @BusinessTime('When the written authorisation was received.') receivedAt?: string;
  @Text(1, NAME, { optional: true, description: 'The attached document holding it.' })
  documentId?: string;
}

/** Either a notification (`guardianName`, `method`) or a waiver (`waived: true`, `reason`). */
export class GuardianNotificationRequest {
  @BusinessTime('When the guardian was told.') notifiedAt?: string;
  @ValidateIf((request: GuardianNotificationRequest) => request.waived !== true)
  @Text(1, NAME)
  guardianName?: string;
  @ValidateIf((request: GuardianNotificationRequest) => request.waived !== true)
  @Text(1, 100, { example: 'phone' })
  method?: string;
  @IsOptional()
  @Equals(true, { message: 'waived, when given, must be true' })
  @ApiProperty({
    required: false,
    type: Boolean,
    enum: [true],
    description: 'Waive the notification, with a reason.',
  })
  waived?: true;
  // Above `@Text`, so applied after it: required only with `waived: true`.
  @ApiProperty({ required: false, description: 'Why it is waived: required with `waived: true`.' })
  @ValidateIf((request: GuardianNotificationRequest) => request.waived === true)
  @Text(1, SHORT_TEXT)
  reason?: string;
}

export class ConfidentialityNoticeRequest {
  @BusinessTime('When they were told.') at?: string;
  @Text(1, SHORT_TEXT, { description: 'Why confidentiality cannot be kept.' }) explanation!: string;
  @OneOf(ADDRESSEES, { optional: true }) toldTo?: Addressee;
}

export class ExternalReferralRequest {
  @Text(1, NAME, { example: 'ESFA complaints team' }) body!: string;
  @BusinessTime('When it was referred.') referredAt?: string;
  @Text(1, 100, { optional: true }) externalReference?: string;
}

export class ChangeCategoriesRequest {
  @Categories() categories!: string[];
}

export class CloseCaseRequest {
  @OneOf(CLOSE_REASONS) reason!: CloseReason;
  @Text(1, SHORT_TEXT, { optional: true }) note?: string;
  @Text(1, NAME, {
    optional: true,
    description: 'For redirected-to-appeals: the awarding or end-point assessment organisation.',
  })
  appealsBody?: string;
  @Text(1, SHORT_TEXT, {
    optional: true,
    description: 'What was learned or changed because of it (reported as a learning point).',
  })
  learning?: string;
}

export class ReopenCaseRequest {
  @Text(1, SHORT_TEXT) reason!: string;
}

export class EraseCaseRequest {
  @Text(1, SHORT_TEXT, {
    example: 'The complainant asked for erasure (UK GDPR article 17)',
    description: 'Why: kept in the trail, so it must name no one.',
  })
  reason!: string;
}

export class LegalHoldRequest {
  @Text(1, SHORT_TEXT, {
    example: 'Employment tribunal claim 2401234/2026',
    description: 'Why: kept in the trail, so it must name no one.',
  })
  reason!: string;
}

type DataOf<Type extends CaseCommand['type']> = Extract<CaseCommand, { type: Type }>['data'];

/** A command on an existing case, as the API offers it: `POST /cases/{id}/<path>`. */
export interface CaseCommandRoute<Request extends object> {
  path: string;
  /** What it does, for the API's description and a console's menu. */
  summary: string;
  /** Who may, in words for people; who really may is decided by the domain's access rules. */
  roles?: string;
  request: new () => Request;
  toCommand(request: Request, actor: Actor): CaseCommand;
}

/** Request fields the caller left out are absent from the command, not `undefined`. */
export function given<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

/** A command whose request is its data as it stands: the request class must fit the data. */
function passThrough<Type extends CaseCommand['type'], Request extends DataOf<Type> & object>(
  type: Type,
  request: new () => Request,
  path: string,
  summary: string,
  roles?: string,
): CaseCommandRoute<Request> {
  const toCommand = (body: Request, actor: Actor) =>
    ({ type, actor, data: given(body) }) as Extract<CaseCommand, { type: Type }>;
  return { path, summary, ...(roles && { roles }), request, toCommand };
}

/** Every command on an existing case, by the domain command it sends. */
export const CASE_COMMAND_ROUTES = {
  AcknowledgeCase: passThrough(
    'AcknowledgeCase',
    AcknowledgeCaseRequest,
    'acknowledge',
    'Acknowledge the case',
  ),
  AssignOwner: passThrough(
    'AssignOwner',
    AssignOwnerRequest,
    'assign',
    'Assign the Owner',
    'managers',
  ),
  EscalateCase: passThrough(
    'EscalateCase',
    EscalateCaseRequest,
    'escalate',
    'Move the complaint to a later stage',
  ),
  RespondToCase: passThrough(
    'RespondToCase',
    RespondToCaseRequest,
    'respond',
    'Record the response sent (it also acknowledges)',
  ),
  ExtendDeadline: passThrough(
    'ExtendDeadline',
    ExtendDeadlineRequest,
    'extend-deadline',
    'Extend an open deadline of the current stage, with a reason',
  ),
  RecordCorrespondence: passThrough(
    'RecordCorrespondence',
    RecordCorrespondenceRequest,
    'correspondence',
    'Record correspondence from the complainant',
  ),
  AddNote: passThrough('AddNote', AddNoteRequest, 'notes', 'Add a note'),
  RecordRepresentativeAuthorisation: passThrough(
    'RecordRepresentativeAuthorisation',
    RepresentativeAuthorisationRequest,
    'representative-authorisation',
    'Record the complainant’s written authorisation of their representative',
  ),
  RecordGuardianNotification: {
    path: 'guardian-notification',
    summary: 'Record that a guardian was told, or waive it with a reason',
    request: GuardianNotificationRequest,
    toCommand: guardianNotificationCommand,
  } satisfies CaseCommandRoute<GuardianNotificationRequest>,
  GiveConfidentialityNotice: passThrough(
    'GiveConfidentialityNotice',
    ConfidentialityNoticeRequest,
    'confidentiality-notice',
    'Record that the complainant was told confidentiality cannot be kept',
  ),
  RecordExternalReferral: passThrough(
    'RecordExternalReferral',
    ExternalReferralRequest,
    'external-referral',
    'Record a referral to the external body',
  ),
  ChangeCategories: passThrough(
    'ChangeCategories',
    ChangeCategoriesRequest,
    'categories',
    'Change the categories (themes)',
  ),
  CloseCase: passThrough('CloseCase', CloseCaseRequest, 'close', 'Close the case'),
  ReopenCase: passThrough(
    'ReopenCase',
    ReopenCaseRequest,
    'reopen',
    'Reopen a closed case',
    'managers',
  ),
  EraseCase: passThrough(
    'EraseCase',
    EraseCaseRequest,
    'erase',
    'Erase the case’s personal data (cannot be undone; nothing happens if erased already)',
    'data protection',
  ),
  PlaceLegalHold: passThrough(
    'PlaceLegalHold',
    LegalHoldRequest,
    'legal-hold',
    'Place a legal hold: the case is kept past retention and cannot be erased',
    'data protection',
  ),
  LiftLegalHold: passThrough(
    'LiftLegalHold',
    LegalHoldRequest,
    'legal-hold/lift',
    'Lift the legal hold',
    'data protection',
  ),
} as const;

export type CaseCommandRouteName = keyof typeof CASE_COMMAND_ROUTES;

/** The request class of a route, as its controller method receives it. */
export type RequestOf<Name extends CaseCommandRouteName> = InstanceType<
  (typeof CASE_COMMAND_ROUTES)[Name]['request']
>;

/** The domain command a route's request asks for. */
export function commandFor<Name extends CaseCommandRouteName>(
  name: Name,
  request: RequestOf<Name>,
  actor: Actor,
): CaseCommand {
  // Each entry pairs its request class with its own `toCommand`; TypeScript cannot follow
  // `Name` through the union of entries, so the pairing is asserted here, once.
  const route = CASE_COMMAND_ROUTES[name] as CaseCommandRoute<RequestOf<Name>>;
  return route.toCommand(request, actor);
}
