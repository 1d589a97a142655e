import type { LocalDate } from '#calendar';
import type { CaseEvent, DeadlineExtended as DeadlineExtendedEvent } from './case.events';
import { erasedCase, withFieldsOf } from '../personal-data/erased-case';
import type {
  CaseKind,
  CaseStatus,
  Channel,
  ClosedBecause,
  Complainant,
  Deadline,
  DocumentRef,
  EmailDelivery,
  ExternalReferral,
  Formality,
  GuardianDecision,
  Instant,
  Person,
  Representative,
} from './case.model';

/** One extension of a deadline, as the case keeps it. */
export interface DeadlineExtension {
  at: Instant;
  previousDueBy: Instant;
  dueBy: Instant;
  workingDaysAdded: number;
  reason: string;
  complainantInformedAt: Instant | null;
  override: { reason: string } | null;
  by: Person;
  /** The deadline had already been recorded as missed: it stays missed. */
  afterMiss: boolean;
}

export interface TrackedDeadline extends Deadline {
  /** As first set; `dueBy` and `dueDate` are the extended ones when it was extended. */
  originalDueBy: Instant;
  originalDueDate: LocalDate;
  extensions: DeadlineExtension[];
  /** When an acknowledgement or response met it, on time or not. */
  metAt: Instant | null;
  /** Met after `dueBy`; or, unmet, recorded as missed by the sweep. */
  missed: boolean;
  /** Met by an act dated before `dueBy` but recorded after it: counted neither on time nor late. */
  recordedLate: boolean;
  /** The case was closed while it ran: it can no longer be met or missed. */
  cancelledAt: Instant | null;
}

/** A case as its events describe it. */
export interface Case {
  id: string;
  reference: string;
  kind: CaseKind;
  formality: Formality | null;
  channel: Channel;
  inWriting: boolean;
  stage: number | null;
  stageName: string | null;
  /** When the current stage began (receipt, escalation or reopening). */
  stageEnteredAt: Instant;
  status: CaseStatus;
  receivedAt: Instant;
  summary: string;
  details: string | null;
  complainant: Complainant;
  representative: Representative | null;
  representativeAuthorised: boolean;
  categories: string[];
  owner: Person | null;
  recipient: Person;
  assessmentRelated: boolean;
  responseRequested: boolean;
  shareAsGoodPractice: boolean;
  guardianDecision: GuardianDecision;
  confidentialityNoticeGiven: boolean;
  deadlines: TrackedDeadline[];
  lastResponseAt: Instant | null;
  /** Each response's stage and who gave it (null where the event did not say). */
  responses: Array<{ stage: number | null; byId: string | null }>;
  /** What was learned or changed, said when responding or closing, in order. */
  learningPoints: LearningPoint[];
  /** Correspondence arrived after the last response: somebody should look. */
  correspondenceSinceResponse: boolean;
  escalationWindowEndsAt: Instant | null;
  autoCloseAt: Instant | null;
  externalReferral: ExternalReferral | null;
  closedAt: Instant | null;
  closeReason: ClosedBecause | null;
  documents: DocumentRef[];
  /** Letters sent to the complainant or representative, in order, with their e-mail's fate. */
  letters: SentLetter[];
  /** The subject access exports that took this case, by id: each is recorded once. */
  personalDataExports: string[];
  policyId: string;
  policyVersion: string;
  lastActivityAt: Instant;
  /** Its personal data was erased: when, why, and by whom (null: the retention job). */
  erasure: { at: Instant; reason: string; by: Person | null } | null;
  /** Kept past retention, and not erasable, until lifted. */
  legalHold: { reason: string; since: Instant; by: Person } | null;
  /** Where its events hold personal data (`<event type>.<path>`): what an erasure erases. */
  personalDataFields: string[];
}

export interface SentLetter {
  id: string;
  sentAt: Instant;
  emailDelivery: EmailDelivery;
  /** When its e-mail was given up on, after how many tries: the outbox shows it. */
  failure?: { at: Instant; attempts: number };
}

const deliver = (
  letters: SentLetter[],
  id: string,
  emailDelivery: EmailDelivery,
  failure?: SentLetter['failure'],
) =>
  letters.map((letter) =>
    letter.id === id ? { ...letter, emailDelivery, ...(failure && { failure }) } : letter,
  );

/** What the organisation learned or changed because of a case, and when it was said. */
export interface LearningPoint {
  at: Instant;
  stage: number | null;
  text: string;
  saidWhen: 'responding' | 'closing';
}

/** No events yet: the case does not exist. */
export type CaseState = Case | null;

export const initialCaseState = (): CaseState => null;

/** Still to be met: neither met nor cancelled by a closing (a missed one may still be met, late). */
export const isOpenDeadline = (d: TrackedDeadline) => d.metAt === null && d.cancelledAt === null;

const track = (deadlines: Deadline[]): TrackedDeadline[] =>
  deadlines.map((d) => ({
    ...d,
    originalDueBy: d.dueBy,
    originalDueDate: d.dueDate,
    extensions: [],
    metAt: null,
    missed: false,
    recordedLate: false,
    cancelledAt: null,
  }));

/** The case's learning points, with the event's added when it gave one. */
function learned(
  state: Case,
  event: Extract<CaseEvent, { type: 'CaseResponded' | 'CaseClosed' }>,
  saidWhen: LearningPoint['saidWhen'],
): LearningPoint[] {
  if (event.data.learning === undefined) return state.learningPoints;
  const point = { at: event.occurredAt, stage: state.stage, text: event.data.learning, saidWhen };
  return [...state.learningPoints, point];
}

/** The due date by which a deadline extended after its miss was missed, if it was. */
const missedBeforeExtension = (d: TrackedDeadline): Instant | undefined =>
  d.extensions.find((e) => e.afterMiss)?.previousDueBy;

/**
 * Marks the open deadline of this kind at this stage as met at `at`: late if after `dueBy`
 * (or after the date it had been missed by, before an extension); recorded late if the act
 * says so, or if the sweep had found it unmet by `dueBy` (events recorded before acts said so).
 */
function meet(
  deadlines: TrackedDeadline[],
  kind: Deadline['kind'],
  stage: number | null,
  at: Instant,
  recordedAfterDeadline: readonly Deadline['kind'][] = [],
): TrackedDeadline[] {
  return deadlines.map((d) =>
    d.kind === kind && d.stage === stage && isOpenDeadline(d)
      ? {
          ...d,
          ...metAt(d, at, recordedAfterDeadline.includes(kind)),
        }
      : d,
  );
}

function metAt(d: TrackedDeadline, at: Instant, saidLate: boolean) {
  const missedBy = missedBeforeExtension(d);
  const missed = at > d.dueBy || (missedBy !== undefined && at > missedBy);
  return { metAt: at, missed, recordedLate: !missed && (d.missed || saidLate) };
}

function extend(deadlines: TrackedDeadline[], event: DeadlineExtendedEvent): TrackedDeadline[] {
  const { data } = event;
  return deadlines.map((d) =>
    d.kind === data.deadline && d.stage === data.stage && d.dueBy === data.previousDueBy
      ? {
          ...d,
          dueBy: data.dueBy,
          dueDate: data.dueDate,
          extensions: [
            ...d.extensions,
            {
              at: event.occurredAt,
              previousDueBy: data.previousDueBy,
              dueBy: data.dueBy,
              workingDaysAdded: data.workingDaysAdded,
              reason: data.reason,
              complainantInformedAt: data.complainantInformedAt,
              override: data.override,
              by: data.extendedBy,
              afterMiss: d.missed,
            },
          ],
        }
      : d,
  );
}

export function evolve(state: CaseState, event: CaseEvent): CaseState {
  const next = evolveCase(state, event);
  if (next === null) return next;
  const personalDataFields = withFieldsOf(next.personalDataFields, event);
  return personalDataFields === next.personalDataFields ? next : { ...next, personalDataFields };
}

function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseReceived') return received(event);
  if (state === null) return state; // an event for no case changes nothing
  const next = { ...state, lastActivityAt: event.occurredAt };

  switch (event.type) {
    case 'CaseAcknowledged':
      return {
        ...next,
        status: state.status === 'open' ? 'acknowledged' : state.status,
        deadlines: meet(
          state.deadlines,
          'acknowledgement',
          event.data.stage,
          event.occurredAt,
          event.data.recordedAfterDeadline,
        ),
      };
    case 'OwnerAssigned':
      return { ...next, owner: event.data.owner };
    case 'CaseEscalated':
      return {
        ...next,
        stage: event.data.toStage,
        stageName: event.data.stageName,
        // Past local resolution a complaint is handled formally, however it arrived.
        formality: state.kind === 'complaint' ? 'formal' : state.formality,
        stageEnteredAt: event.occurredAt,
        status: 'open',
        closedAt: null, // a case closed by silence goes on when a late request is accepted
        closeReason: null,
        inWriting: state.inWriting || event.data.inWriting,
        deadlines: [...state.deadlines, ...track(event.data.deadlines)],
        escalationWindowEndsAt: null,
        autoCloseAt: null,
        correspondenceSinceResponse: false,
      };
    case 'CaseResponded': {
      // Responding acknowledges.
      const { stage, recordedAfterDeadline } = event.data;
      const acknowledged = meet(
        state.deadlines,
        'acknowledgement',
        stage,
        event.occurredAt,
        recordedAfterDeadline,
      );
      return {
        ...next,
        status: 'responded',
        deadlines: meet(acknowledged, 'response', stage, event.occurredAt, recordedAfterDeadline),
        lastResponseAt: event.occurredAt,
        responses: [...state.responses, { stage, byId: event.data.respondedBy?.id ?? null }],
        learningPoints: learned(state, event, 'responding'),
        correspondenceSinceResponse: false,
        escalationWindowEndsAt: event.data.escalationWindowEndsAt,
        autoCloseAt: event.data.autoCloseAt,
      };
    }
    case 'CorrespondenceReceived': {
      // "No further correspondence" is what lets the case close: any after the response stops that.
      const afterResponse =
        state.lastResponseAt !== null && event.occurredAt > state.lastResponseAt;
      return afterResponse
        ? { ...next, correspondenceSinceResponse: true, autoCloseAt: null }
        : next;
    }
    case 'NoteAdded':
      return next;
    case 'DocumentAttached': {
      const { documentId, ...document } = event.data;
      return {
        ...next,
        documents: [
          ...state.documents,
          { id: documentId, ...document, attachedAt: event.occurredAt },
        ],
      };
    }
    case 'RepresentativeAuthorised':
      return { ...next, representativeAuthorised: true };
    case 'GuardianNotified':
      return { ...next, guardianDecision: 'notified' };
    case 'GuardianNotificationWaived':
      return { ...next, guardianDecision: 'waived' };
    case 'ConfidentialityNoticeGiven':
      return { ...next, confidentialityNoticeGiven: true };
    case 'CategoriesChanged':
      return { ...next, categories: event.data.categories };
    case 'ExternalReferralRecorded':
      return {
        ...next,
        status: 'referred-externally',
        stage: event.data.stage ?? state.stage,
        stageName: event.data.stageName ?? state.stageName,
        externalReferral: {
          body: event.data.body,
          referredAt: event.occurredAt,
          externalReference: event.data.externalReference,
        },
        autoCloseAt: null,
        escalationWindowEndsAt: null,
      };
    case 'DeadlineExtended':
      return { ...next, deadlines: extend(state.deadlines, event) };
    case 'DeadlineMissed': {
      const { kind, stage, dueBy } = event.data;
      return {
        ...state, // the sweep noticing is not activity on the case
        deadlines: state.deadlines.map((d) =>
          d.kind === kind && d.stage === stage && d.dueBy === dueBy ? { ...d, missed: true } : d,
        ),
      };
    }
    case 'CaseClosed':
      return {
        ...next,
        status: 'closed',
        closedAt: event.occurredAt,
        closeReason: event.data.reason,
        learningPoints: learned(state, event, 'closing'),
        autoCloseAt: null,
        deadlines: state.deadlines.map((d) =>
          isOpenDeadline(d) && !d.missed ? { ...d, cancelledAt: event.occurredAt } : d,
        ),
      };
    case 'CaseReopened':
      return {
        ...next,
        status: 'open',
        stageEnteredAt: event.occurredAt,
        closedAt: null,
        closeReason: null,
        autoCloseAt: null,
        correspondenceSinceResponse: false,
        deadlines: [...state.deadlines, ...track(event.data.deadlines)],
      };
    case 'CorrespondenceSent': {
      const { letterId, channels } = event.data;
      const emailDelivery = channels.includes('email') ? 'waiting' : 'not-emailed';
      return {
        ...next,
        letters: [...state.letters, { id: letterId, sentAt: event.occurredAt, emailDelivery }],
      };
    }
    // The dispatcher's records are not activity on the case.
    case 'EmailDelivered':
      return { ...state, letters: deliver(state.letters, event.data.letterId, 'delivered') };
    case 'EmailFailed':
      return {
        ...state,
        letters: deliver(state.letters, event.data.letterId, 'failed', {
          at: event.occurredAt,
          attempts: event.data.attempts,
        }),
      };
    // Data protection is not activity on the case either.
    case 'PersonalDataErased': {
      const { reason, erasedBy } = event.data;
      return { ...erasedCase(state), erasure: { at: event.occurredAt, reason, by: erasedBy } };
    }
    case 'LegalHoldPlaced': {
      const { reason, placedBy } = event.data;
      return { ...state, legalHold: { reason, since: event.occurredAt, by: placedBy } };
    }
    case 'LegalHoldLifted':
      return { ...state, legalHold: null };
    // Taking a copy for the person it is about is not activity on the case either.
    case 'PersonalDataExported':
      return {
        ...state,
        personalDataExports: [...state.personalDataExports, event.data.exportId],
      };
    // Re-writing the record changes nothing about the case.
    case 'CaseRecordMigrated':
      return state;
  }
}

function received({ data, occurredAt }: Extract<CaseEvent, { type: 'CaseReceived' }>): Case {
  return {
    id: data.caseId,
    reference: data.reference,
    kind: data.kind,
    formality: data.formality,
    channel: data.channel,
    inWriting: data.inWriting,
    stage: data.stage,
    stageName: data.stageName,
    stageEnteredAt: occurredAt,
    status: 'open',
    receivedAt: occurredAt,
    summary: data.summary,
    details: data.details,
    complainant: data.complainant,
    representative: data.representative,
    representativeAuthorised: false,
    categories: data.categories,
    owner: data.owner,
    recipient: data.recipient,
    assessmentRelated: data.assessmentRelated,
    responseRequested: data.responseRequested,
    shareAsGoodPractice: data.shareAsGoodPractice,
    guardianDecision: data.complainant.under18 ? 'pending' : 'not-needed',
    confidentialityNoticeGiven: false,
    deadlines: track(data.deadlines),
    lastResponseAt: null,
    responses: [],
    learningPoints: [],
    correspondenceSinceResponse: false,
    escalationWindowEndsAt: null,
    autoCloseAt: null,
    externalReferral: null,
    closedAt: null,
    closeReason: null,
    documents: [],
    letters: [],
    personalDataExports: [],
    policyId: data.policyId,
    policyVersion: data.policyVersion,
    lastActivityAt: occurredAt,
    erasure: null,
    legalHold: null,
    personalDataFields: [],
  };
}

/** Folds a stream of events into the case they describe. */
export function foldCase(
  events: Iterable<CaseEvent>,
  from: CaseState = initialCaseState(),
): CaseState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
