import type { ScheduledJob, SentLetter } from '#domain';
import type { CaseRecord } from './case-record';
import { caseSearchText } from './case-search-text';
import { personKeysOf, type PersonKey } from './person-keys';
import type { CaseSummary } from './case-summary';
import { NO_DEADLINE_ASC, NO_DEADLINE_DESC } from './queue-cursor';

/**
 * What the queue filters and sorts a case by, and from when each scheduled job has work
 * on it. Derived here once: the SQLite row and the MongoDB document both store exactly
 * this, so a query finds and orders the same cases on either.
 */
export interface QueueRow {
  caseId: string;
  revision: number;
  kind: CaseSummary['kind'];
  formality: CaseSummary['formality'];
  stage: number | null;
  status: CaseSummary['status'];
  isOpen: boolean;
  ownerId: string | null;
  recipientId: string;
  /** What `q` searches (see caseSearchText). */
  search: string;
  categories: string[];
  /** Who the case is about, as a subject access request finds them (see person-keys.ts). */
  people: PersonKey[];
  receivedAt: string;
  nextDueBy: string | null;
  /** What the `dueBy` sorts order by: cases waiting on no deadline come last either way. */
  dueAsc: string;
  dueDesc: string;
  sweepDue: string | null;
  autoCloseDue: string | null;
  sameDayDue: string | null;
  /** From when the retention job erases its personal data (closed, not erased, not held). */
  retentionDue: string | null;
  personalDataErasedAt: string | null;
  legalHoldSince: string | null;
  /** When the oldest e-mail the outbox holds for the case (waiting, or failed) was written; null for none. */
  outboxSince: string | null;
}

/** What the due index finds cases by: each scheduled job's work, and the outbox's e-mails. */
export type IndexedWork = ScheduledJob | 'outbox';

/** The field holding each job's due instant, or the outbox's oldest e-mail (null: none). */
export const DUE_FIELDS = {
  'sla-sweep': 'sweepDue',
  'auto-close': 'autoCloseDue',
  'same-day-escalation': 'sameDayDue',
  retention: 'retentionDue',
  outbox: 'outboxSince',
} as const satisfies Record<IndexedWork, keyof QueueRow>;

/** The letters whose e-mail the outbox holds: waiting to go, or failed after the last try. */
export const heldByOutbox = (letters: readonly SentLetter[]) =>
  letters.filter((l) => l.emailDelivery === 'waiting' || l.emailDelivery === 'failed');

export function queueRow({ caseId, revision, state, summary, schedule }: CaseRecord): QueueRow {
  const due = summary.nextDeadline?.dueBy ?? null;
  return {
    caseId,
    revision,
    kind: summary.kind,
    formality: summary.formality,
    stage: summary.stage,
    status: summary.status,
    isOpen: summary.status !== 'closed',
    ownerId: summary.owner?.id ?? null,
    recipientId: summary.recipient.id,
    search: caseSearchText(state),
    categories: summary.categories,
    people: personKeysOf(state),
    receivedAt: summary.receivedAt,
    nextDueBy: due,
    dueAsc: due ?? NO_DEADLINE_ASC,
    dueDesc: due ?? NO_DEADLINE_DESC,
    sweepDue: schedule['sla-sweep'],
    autoCloseDue: schedule['auto-close'],
    sameDayDue: schedule['same-day-escalation'],
    retentionDue: schedule.retention,
    personalDataErasedAt: state.erasure?.at ?? null,
    legalHoldSince: state.legalHold?.since ?? null,
    // An erased case's e-mails never go (the address is gone): not the outbox's to hold.
    outboxSince: state.erasure ? null : (heldByOutbox(state.letters)[0]?.sentAt ?? null),
  };
}
