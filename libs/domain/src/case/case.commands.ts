import type { LocalDate } from '#calendar';
import type {
  Actor,
  Addressee,
  CaseKind,
  Channel,
  CloseReason,
  Complainant,
  DeadlineKind,
  Formality,
  Instant,
  LetterChannel,
  LetterTemplate,
  Outcome,
  Person,
  Representative,
} from './case.model';

/** A request to change a case, from a person or a job. Optional times default to now. */
interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  actor: Actor;
}

export type ReceiveCase = Command<
  'ReceiveCase',
  {
    /** Allocated by the caller: the domain has no source of ids or sequence numbers. */
    caseId: string;
    reference: string;
    kind: CaseKind;
    formality?: Formality;
    channel: Channel;
    receivedAt?: Instant;
    summary: string;
    details?: string;
    complainant: Complainant;
    representative?: Representative;
    categories?: string[];
    assessmentRelated?: boolean;
    responseRequested?: boolean;
    shareAsGoodPractice?: boolean;
    owner?: Person;
    resolvedAtFirstContact?: { resolution: string };
  }
>;

export type AcknowledgeCase = Command<
  'AcknowledgeCase',
  { at?: Instant; method?: string; note?: string }
>;

export type AssignOwner = Command<'AssignOwner', { owner: Person }>;

export type EscalateCase = Command<
  'EscalateCase',
  {
    toStage?: number;
    requestReceivedAt?: Instant;
    inWriting?: boolean;
    reason: string;
    override?: { reason: string };
  }
>;

export type RespondToCase = Command<
  'RespondToCase',
  {
    at?: Instant;
    summary: string;
    outcome: Outcome;
    addressedTo?: Addressee;
    /** What the organisation learned or changed because of it. */
    learning?: string;
  }
>;

/**
 * Moves an open deadline of the current stage later: by so many working days, or to the
 * end of a given working day (a local date in the policy's zone). Exactly one of the two.
 */
export type ExtendDeadline = Command<
  'ExtendDeadline',
  {
    deadline: DeadlineKind;
    stage: number;
    addWorkingDays?: number;
    newDueDate?: LocalDate;
    reason: string;
    /** When the complainant was told of the new date, if they have been. */
    complainantInformedAt?: Instant;
    /** A senior manager's, to extend beyond what the policy allows. */
    override?: { reason: string };
  }
>;

export type RecordCorrespondence = Command<
  'RecordCorrespondence',
  { receivedAt?: Instant; channel: Channel; summary: string }
>;

export type AddNote = Command<'AddNote', { text: string }>;

/** The file itself is stored by the caller (content-addressed); the case records what it is. */
export type AttachDocument = Command<
  'AttachDocument',
  {
    documentId: string;
    filename: string;
    mediaType: string;
    size: number;
    sha256: string;
    /** The SHA-256 of the bytes as stored, encrypted with the case's key: where the store keeps them. */
    storedAs?: string;
  }
>;

export type RecordRepresentativeAuthorisation = Command<
  'RecordRepresentativeAuthorisation',
  { receivedAt?: Instant; documentId?: string }
>;

export type RecordGuardianNotification = Command<
  'RecordGuardianNotification',
  { notifiedAt?: Instant; guardianName: string; method: string }
>;

export type WaiveGuardianNotification = Command<'WaiveGuardianNotification', { reason: string }>;

export type GiveConfidentialityNotice = Command<
  'GiveConfidentialityNotice',
  { at?: Instant; explanation: string; toldTo?: Addressee }
>;

export type ChangeCategories = Command<'ChangeCategories', { categories: string[] }>;

export type RecordExternalReferral = Command<
  'RecordExternalReferral',
  { body: string; referredAt?: Instant; externalReference?: string }
>;

export type CloseCase = Command<
  'CloseCase',
  { reason: CloseReason; note?: string; appealsBody?: string; learning?: string }
>;

export type ReopenCase = Command<'ReopenCase', { reason: string }>;

/** sla-sweep: record each deadline that has passed unmet. */
export type RecordMissedDeadlines = Command<'RecordMissedDeadlines', Record<string, never>>;

/** auto-close: close a responded case whose silence window has ended. */
export type AutoCloseCase = Command<'AutoCloseCase', Record<string, never>>;

/** same-day-escalation: move an informal complaint still open after its receipt day. */
export type EscalateUnresolvedSameDay = Command<'EscalateUnresolvedSameDay', Record<string, never>>;

/** A document the caller stored (content-addressed), as the case records it. */
export interface StoredDocument {
  documentId: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The SHA-256 of the bytes as stored, encrypted with the case's key: where the store keeps them. */
  storedAs?: string;
}

/**
 * A letter to the complainant or their representative, exactly as it is to be sent. The
 * caller allocates its id and, for post, stores the printed letter first.
 */
export type SendLetter = Command<
  'SendLetter',
  {
    letterId: string;
    template: LetterTemplate;
    channels: LetterChannel[];
    addressedTo: Addressee;
    subject: string;
    body: string;
    /** An address to use instead of the one recorded for the addressee. */
    email?: string;
    /** The printed letter, for the post channel. */
    printed?: StoredDocument;
  }
>;

/** The dispatcher: the mail server accepted a letter's e-mail. */
export type RecordEmailDelivered = Command<
  'RecordEmailDelivered',
  { letterId: string; messageId: string }
>;

/** The dispatcher: a letter's e-mail could not be delivered after its last try. */
export type RecordEmailFailed = Command<
  'RecordEmailFailed',
  { letterId: string; reason: string; attempts: number }
>;

/**
 * The data-protection role erases a case's personal data (the record of what happened
 * stays; the lead's key store shreds the personal fields). Erasing an erased case does nothing.
 */
export type EraseCase = Command<'EraseCase', { reason: string }>;

/** retention: erase a closed case's personal data once the policy's period has passed. */
export type ApplyRetention = Command<'ApplyRetention', Record<string, never>>;

/** Keeps a case's personal data past retention and refuses its erasure (litigation, an inquiry). */
export type PlaceLegalHold = Command<'PlaceLegalHold', { reason: string }>;

export type LiftLegalHold = Command<'LiftLegalHold', { reason: string }>;
/** What a subject access search matched a person on: never the value searched for, which is personal data. */
export const SUBJECT_ACCESS_MATCHES = ['email', 'phone', 'name'] as const;
export type SubjectAccessMatch = (typeof SUBJECT_ACCESS_MATCHES)[number];

/**
 * A data-protection officer exported what the case holds about a person (a subject access
 * request). `exportId` names the export: recording it again on the same case changes nothing.
 */
export type RecordSubjectAccessExport = Command<
  'RecordSubjectAccessExport',
  { exportId: string; matchedOn: SubjectAccessMatch }
>;

export type CaseCommand =
  | ReceiveCase
  | AcknowledgeCase
  | AssignOwner
  | EscalateCase
  | RespondToCase
  | ExtendDeadline
  | RecordCorrespondence
  | AddNote
  | AttachDocument
  | RecordRepresentativeAuthorisation
  | RecordGuardianNotification
  | WaiveGuardianNotification
  | GiveConfidentialityNotice
  | ChangeCategories
  | RecordExternalReferral
  | CloseCase
  | ReopenCase
  | RecordMissedDeadlines
  | AutoCloseCase
  | EscalateUnresolvedSameDay
  | SendLetter
  | RecordEmailDelivered
  | RecordEmailFailed
  | EraseCase
  | ApplyRetention
  | PlaceLegalHold
  | LiftLegalHold
  | RecordSubjectAccessExport;
