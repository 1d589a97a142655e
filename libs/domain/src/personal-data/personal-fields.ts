import type { CaseEventType } from '../case/case.events';

/**
 * The personal data in each kind of case event, by path in its data (`a.b` for a field of
 * an object): what is stored encrypted with the case's own key, and erased with it. What
 * reports and rules need stays in clear: kinds, stages, outcome codes, categories, dates,
 * deadlines, flags, and the staff who acted (they act in their employment). Learning points
 * stay in clear too: they are about what the provider changed, and the report of them
 * outlives any one case's personal data.
 *
 * An event type not listed here holds no personal data; one added to the domain must be
 * added here (the `satisfies` makes the compiler ask).
 */
export const PERSONAL_FIELDS = {
  CaseReceived: [
    'summary',
    'details',
    'complainant.name',
    'complainant.email',
    'complainant.phone',
    'representative.name',
    'representative.relationship',
    'representative.email',
    'representative.phone',
  ],
  CaseAcknowledged: ['note'],
  OwnerAssigned: [],
  CaseEscalated: ['reason', 'override.reason'],
  CaseResponded: ['summary'],
  CorrespondenceReceived: ['summary'],
  NoteAdded: ['text'],
  DocumentAttached: ['filename'],
  RepresentativeAuthorised: [],
  GuardianNotified: ['guardianName'],
  GuardianNotificationWaived: ['reason'],
  ConfidentialityNoticeGiven: ['explanation'],
  CategoriesChanged: [],
  ExternalReferralRecorded: ['externalReference'],
  DeadlineExtended: ['reason', 'override.reason'],
  DeadlineMissed: [],
  CaseClosed: ['note'],
  CaseReopened: ['reason'],
  CorrespondenceSent: ['to.name', 'to.email', 'subject', 'body'],
  EmailDelivered: [],
  EmailFailed: ['reason'],
  PersonalDataErased: [],
  LegalHoldPlaced: [],
  LegalHoldLifted: [],
  // Who asked and what was matched on: the searched value is never in the event.
  PersonalDataExported: [],
  // Where the old chain ended: hashes and a format name.
  CaseRecordMigrated: [],
} as const satisfies Record<CaseEventType, readonly string[]>;

/** What stands where personal data was, once the case's key is erased. */
export const ERASED_TEXT = '[erased]';

/** What stands where personal data was when the case's key is missing though nothing erased it (a fault, reported). */
export const UNREADABLE_TEXT = '[unreadable: the case key is missing]';

/** The personal fields of an event type (none for a type the map does not know, e.g. a staff event). */
export function personalFieldsOf(type: string): readonly string[] {
  return (PERSONAL_FIELDS as Record<string, readonly string[]>)[type] ?? [];
}
