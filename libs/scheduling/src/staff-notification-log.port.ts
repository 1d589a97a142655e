/** What staff are told by e-mail, by the `reminders` and `digest` jobs. */
export const STAFF_NOTIFICATION_KINDS = [
  'assigned',
  'deadline-reminder',
  'deadline-missed',
  'stalled',
  'digest',
] as const;
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

/** One notification to one person: what, to whom, about which case, and when it went. */
export interface StaffNotificationRecord {
  /** Deterministic (case, deadline or day, kind, recipient): the same notification has the same id. */
  id: string;
  kind: StaffNotificationKind;
  caseId: string | null;
  recipientId: string;
  email: string;
  claimedAt: string;
  /** Null while it is being sent (or if sending stopped half-way). */
  sentAt: string | null;
}

/**
 * The log that makes each notification go once: a sender claims a notification (insert if
 * absent) before sending it, so a second run or replica finds it claimed and sends nothing;
 * it marks it sent after, or gives the claim up if the mail server refused.
 */
export interface StaffNotificationLog {
  /** True if this caller now holds the notification; false if it was claimed already. */
  claim(record: Omit<StaffNotificationRecord, 'sentAt'>): Promise<boolean>;
  markSent(id: string, at: Date): Promise<void>;
  /** Gives up a claim whose e-mail did not go, so a later run tries again. */
  release(id: string): Promise<void>;
  /** The newest first, at most `limit`. */
  recent(limit: number): Promise<StaffNotificationRecord[]>;
  close(): Promise<void>;
}
