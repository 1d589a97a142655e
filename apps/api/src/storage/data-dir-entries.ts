/**
 * What the embedded profile keeps in its data directory. The event store and the documents
 * are the record; the JWT secret is what existing tokens were signed with; the read models
 * are derived from the events and rebuilt from them when missing.
 */
export const DATA_DIR_ENTRIES = {
  events: 'events.db',
  documents: 'documents',
  jwtSecret: 'jwt-secret',
  /**
   * Wraps the case keys when CLF_MASTER_KEY is not set: it protects a copied events.db or
   * case-keys.db, not a copied data directory (which holds this file too).
   */
  masterKey: 'master.key',
  /** Each case's data key, wrapped: erasing a case deletes its key here. */
  caseKeys: 'case-keys.db',
  /** Password hashes, reset links, API tokens and the setup code (the directory itself is in the events). */
  accounts: 'accounts.db',
  /** The first-run setup code, while nobody is in the directory: deleted once it is used. */
  setupCode: 'setup-code',
  readModels: 'read-models',
  /** Uploads while they arrive: never part of a backup; a crash's leftovers go at the next start. */
  uploadStaging: 'tmp',
  /** Who is signed in to the console: never part of a backup (a restore signs everybody out). */
  sessions: 'sessions.db',
  /** What the scheduled jobs' last runs did: never part of a backup (an operational record). */
  jobRuns: 'job-runs.db',
  /** What the chain-audit job found: never part of a backup (the next run finds it again). */
  chainAudits: 'chain-audits.db',
  /** How far the mail dispatcher has read: never part of a backup (the events say what was sent). */
  checkpoints: 'checkpoints.db',
  /** Which reminders and digests went to whom: in the backup, so none goes twice after a restore. */
  staffNotifications: 'staff-notifications.db',
} as const;
