import type { LocalDate } from '#calendar';

/** An ISO-8601 UTC instant with milliseconds, e.g. `2026-12-22T23:59:59.999Z`. */
export type Instant = string;

export const CASE_KINDS = ['complaint', 'compliment', 'suggestion'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const FORMALITIES = ['informal', 'formal'] as const;
export type Formality = (typeof FORMALITIES)[number];

export const CHANNELS = ['in-person', 'phone', 'email', 'letter', 'web-form', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels through which a complaint arrives "in writing". */
export const WRITTEN_CHANNELS: readonly Channel[] = ['email', 'letter', 'web-form'];

export const COMPLAINANT_ROLES = [
  'learner',
  'apprentice',
  'employer',
  'parent-guardian',
  'stakeholder',
  'other',
] as const;
export type ComplainantRole = (typeof COMPLAINANT_ROLES)[number];

export const CASE_STATUSES = [
  'open',
  'acknowledged',
  'responded',
  'referred-externally',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OUTCOMES = ['upheld', 'partially-upheld', 'not-upheld', 'resolved', 'noted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Reasons a person may give when closing a case. */
export const CLOSE_REASONS = [
  'resolved',
  'resolved-at-first-contact',
  'withdrawn',
  'redirected-to-appeals',
  'referred-externally',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
/** …and the one only the scheduler gives. */
export type ClosedBecause = CloseReason | 'no-further-correspondence';

export const ADDRESSEES = ['complainant', 'representative'] as const;
export type Addressee = (typeof ADDRESSEES)[number];

/** The letters a policy has templates for (one home: templates, requests and the console read it). */
export const LETTER_TEMPLATES = [
  'acknowledgement',
  'response',
  'extension',
  'closed-after-silence',
  'thanks',
] as const;
export type LetterTemplate = (typeof LETTER_TEMPLATES)[number];

/** How a letter leaves: by e-mail, or printed (a PDF kept with the case) and posted. */
export const LETTER_CHANNELS = ['email', 'post'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

/** A letter's e-mail, as the events tell it: not e-mailed, waiting in the outbox, or done. */
export type EmailDelivery = 'not-emailed' | 'waiting' | 'delivered' | 'failed';

export const ROLES = [
  'staff',
  'operations-manager',
  'senior-manager',
  'quality',
  'auditor',
  'admin',
  /** Finds, exports and erases a person's data; nothing else. */
  'data-protection',
] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  id: string;
  name: string;
}

/** Who did it: a person with roles, or a job (`{id: "system:auto-close", roles: []}`). */
export interface Actor {
  id: string;
  name?: string;
  roles: readonly Role[];
}

export interface Complainant {
  name: string;
  email?: string;
  phone?: string;
  role: ComplainantRole;
  under18?: boolean;
}

export interface Representative {
  name: string;
  relationship: string;
  email?: string;
  phone?: string;
}

export const DEADLINE_KINDS = ['acknowledgement', 'response'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A deadline as promised when it was set; stored in the event that set it. */
export interface Deadline {
  kind: DeadlineKind;
  /** The complaint stage, or null for a compliment or suggestion. */
  stage: number | null;
  dueDate: LocalDate;
  dueBy: Instant;
}

export interface DocumentRef {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The SHA-256 of the bytes as stored, encrypted with the case's key: where the store keeps them. */
  storedAs?: string;
  attachedAt: Instant;
}

export interface ExternalReferral {
  body: string;
  referredAt: Instant;
  externalReference: string | null;
}

export type GuardianDecision = 'not-needed' | 'pending' | 'notified' | 'waived';
