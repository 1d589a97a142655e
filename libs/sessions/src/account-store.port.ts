/**
 * Sign-in secrets, kept apart from the events (a password hash never goes into the
 * record): password hashes, one-time reset links and the first-run setup code, each by
 * its hash only.
 */
export interface ResetLinkRecord {
  tokenHash: string;
  personId: string;
  expiresAt: Date;
}

export interface AccountStore {
  passwordHash(personId: string): Promise<string | undefined>;
  setPasswordHash(personId: string, hash: string): Promise<void>;
  addResetLink(link: ResetLinkRecord): Promise<void>;
  findResetLink(tokenHash: string): Promise<ResetLinkRecord | undefined>;
  /** Takes the link out of the store as it is read: a link works once. */
  takeResetLink(tokenHash: string): Promise<ResetLinkRecord | undefined>;
  setupCodeHash(): Promise<string | undefined>;
  setSetupCodeHash(hash: string | null): Promise<void>;
  close(): Promise<void>;
}
