import type { CaseEvent } from './case.events';

/**
 * One stream per case, `clfcase-<case id>`: the category is what the read side follows
 * and what the jobs and backups ask the store about.
 */
export const CASE_CATEGORY = 'clfcase';

export const caseStream = (caseId: string) => `${CASE_CATEGORY}-${caseId}`;

/** The case a stream of the case category holds. */
export const caseIdOf = (stream: string) => stream.slice(CASE_CATEGORY.length + 1);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Case ids are lower-case UUIDs; anything else names no case (and reads nothing). */
export const isCaseId = (id: string) => UUID.test(id);

/** An event as a store keeps it: the case event's fields, with the store's own around them. */
export interface StoredEvent {
  type: string;
  occurredAt: string;
  data: unknown;
}

/**
 * A stored event of a case's stream as the case event it was appended as: only the
 * decider's events are appended there, so the store's looser types are narrowed here, once.
 */
export const asCaseEvent = (stored: StoredEvent): CaseEvent => stored as CaseEvent;
