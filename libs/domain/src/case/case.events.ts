import type { LocalDate } from '#calendar';
import type {
  Addressee,
  CaseKind,
  Channel,
  ClosedBecause,
  Complainant,
  Deadline,
  DeadlineKind,
  Formality,
  Instant,
  LetterChannel,
  LetterTemplate,
  Outcome,
  Person,
  Representative,
} from './case.model';
import type { SubjectAccessMatch } from './case.commands';

/** An event as the domain sees it: the envelope (revision, metadata, hash) is the store's. */
interface Event<Type extends string, Data> {
  type: Type;
  /** Business time: when it happened (a letter's arrival), not when it was stored. */
  occurredAt: Instant;
  data: Data;
}

export type CaseReceived = Event<
  'CaseReceived',
  {
    caseId: string;
    reference: string;
    kind: CaseKind;
    formality: Formality | null;
    channel: Channel;
    inWriting: boolean;
    summary: string;
    details: string | null;
    complainant: Complainant;
    representative: Representative | null;
    categories: string[];
    assessmentRelated: boolean;
    responseRequested: boolean;
    shareAsGoodPractice: boolean;
    owner: Person | null;
    recipient: Person;
    stage: number | null;
    stageName: string | null;
    deadlines: Deadline[];
    policyId: string;
    policyVersion: string;
  }
>;

/**
 * The deadlines an act meets by its business time but which had already ended when it was
 * recorded (a call on the last day, typed in the next morning): present only when there
 * are some. Reports count such acts apart from those on time and those late.
 */
export interface RecordedLate {
  recordedAfterDeadline?: DeadlineKind[];
}

/**
 * Present when an act dated inside a window (to ask for the next stage, or before silence
 * closes the case) was recorded after the window had closed: a senior manager's act,
 * which confirms it.
 */
export interface RecordedAfterWindow {
  recordedAfterWindowClosed?: true;
}

export type CaseAcknowledged = Event<
  'CaseAcknowledged',
  { stage: number | null; method: string | null; note: string | null } & RecordedLate
>;

export type OwnerAssigned = Event<'OwnerAssigned', { owner: Person; previousOwner: Person | null }>;

export type CaseEscalated = Event<
  'CaseEscalated',
  {
    fromStage: number;
    toStage: number;
    stageName: string;
    reason: string;
    inWriting: boolean;
    /** A senior manager's override of the window (not yet open, or closed). */
    override: { reason: string; by: Person } | null;
    /** True when the same-day-escalation job moved it, not a person. */
    automatic: boolean;
    deadlines: Deadline[];
  } & RecordedAfterWindow
>;

export type CaseResponded = Event<
  'CaseResponded',
  {
    stage: number | null;
    summary: string;
    outcome: Outcome;
    addressedTo: Addressee;
    /** The end of the window to ask for the next stage, if the stage has one. */
    escalationWindowEndsAt: Instant | null;
    /** When the scheduler may close the case if nothing more is heard. */
    autoCloseAt: Instant | null;
    /** Who gave the response (absent from responses recorded before it was kept). */
    respondedBy?: Person;
    /** What was learned or changed, when the person responding said (absent otherwise). */
    learning?: string;
  } & RecordedLate
>;

export type CorrespondenceReceived = Event<
  'CorrespondenceReceived',
  { channel: Channel; summary: string } & RecordedAfterWindow
>;

export type NoteAdded = Event<'NoteAdded', { text: string }>;

export type DocumentAttached = Event<
  'DocumentAttached',
  {
    documentId: string;
    filename: string;
    mediaType: string;
    size: number;
    /** The content's own SHA-256, as uploaded. */
    sha256: string;
    /** The SHA-256 of the bytes as stored, encrypted with the case's key: where the store keeps them. */
    storedAs?: string;
  }
>;

export type RepresentativeAuthorised = Event<
  'RepresentativeAuthorised',
  { documentId: string | null }
>;

export type GuardianNotified = Event<'GuardianNotified', { guardianName: string; method: string }>;

export type GuardianNotificationWaived = Event<'GuardianNotificationWaived', { reason: string }>;

export type ConfidentialityNoticeGiven = Event<
  'ConfidentialityNoticeGiven',
  { explanation: string; toldTo: Addressee }
>;

export type CategoriesChanged = Event<
  'CategoriesChanged',
  { categories: string[]; previous: string[] }
>;

export type ExternalReferralRecorded = Event<
  'ExternalReferralRecorded',
  { body: string; externalReference: string | null; stage: number | null; stageName: string | null }
>;

/** An open deadline moved later; the deadline as first set stays in the event that set it. */
export type DeadlineExtended = Event<
  'DeadlineExtended',
  {
    deadline: DeadlineKind;
    stage: number;
    previousDueBy: Instant;
    dueBy: Instant;
    dueDate: LocalDate;
    workingDaysAdded: number;
    reason: string;
    complainantInformedAt: Instant | null;
    /** Beyond the policy's allowance: a senior manager's override and its reason. */
    override: { reason: string } | null;
    extendedBy: Person;
  }
>;

export type DeadlineMissed = Event<'DeadlineMissed', Deadline>;

export type CaseClosed = Event<
  'CaseClosed',
  {
    reason: ClosedBecause;
    note: string | null;
    appealsBody: string | null;
    /** What was learned or changed, when the person closing said (absent otherwise). */
    learning?: string;
  }
>;

export type CaseReopened = Event<'CaseReopened', { reason: string; deadlines: Deadline[] }>;

/** What the person was told, to whom, how and from which template: the trail keeps the text. */
export type CorrespondenceSent = Event<
  'CorrespondenceSent',
  {
    letterId: string;
    template: LetterTemplate;
    channels: LetterChannel[];
    addressedTo: Addressee;
    to: { name: string; email: string | null };
    subject: string;
    body: string;
    /** The printed letter kept with the case, when it went by post. */
    documentId?: string;
  }
>;

export type EmailDelivered = Event<
  'EmailDelivered',
  { letterId: string; messageId: string; at: Instant }
>;

export type EmailFailed = Event<
  'EmailFailed',
  { letterId: string; reason: string; attempts: number }
>;

/**
 * A case's personal data erased, by a person (`erasedBy`) or the retention job (null).
 * Holds no personal data itself: the reason is the data-protection officer's or the
 * policy's, and `fields` names where personal data was (`<event type>.<path>`), not what.
 */
export type PersonalDataErased = Event<
  'PersonalDataErased',
  { reason: string; fields: string[]; erasedBy: Person | null }
>;

/** Holds no personal data: the reason names a matter (a claim, an inquiry), not a person's data. */
export type LegalHoldPlaced = Event<'LegalHoldPlaced', { reason: string; placedBy: Person }>;

/** Holds no personal data (as for LegalHoldPlaced). */
export type LegalHoldLifted = Event<'LegalHoldLifted', { reason: string; liftedBy: Person }>;

/** What a subject access export took from the case, and who asked: never who was searched for. */
export type PersonalDataExported = Event<
  'PersonalDataExported',
  { exportId: string; matchedOn: SubjectAccessMatch; requestedBy: Person }
>;

/**
 * The case's record re-written by `npm run migrate` into the format that seals personal data:
 * a new chain, which names where the old one ended. Holds no personal data.
 */
export type CaseRecordMigrated = Event<
  'CaseRecordMigrated',
  { previousHeadHash: string; previousHeadRevision: number; format: string }
>;

export type CaseEvent =
  | CaseReceived
  | CaseAcknowledged
  | OwnerAssigned
  | CaseEscalated
  | CaseResponded
  | CorrespondenceReceived
  | NoteAdded
  | DocumentAttached
  | RepresentativeAuthorised
  | GuardianNotified
  | GuardianNotificationWaived
  | ConfidentialityNoticeGiven
  | CategoriesChanged
  | ExternalReferralRecorded
  | DeadlineExtended
  | DeadlineMissed
  | CaseClosed
  | CaseReopened
  | CorrespondenceSent
  | EmailDelivered
  | EmailFailed
  | PersonalDataErased
  | LegalHoldPlaced
  | LegalHoldLifted
  | PersonalDataExported
  | CaseRecordMigrated;

export type CaseEventType = CaseEvent['type'];
