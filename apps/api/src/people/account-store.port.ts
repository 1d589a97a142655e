/**
 * What sign-in keeps beside the directory, never in an event: password hashes, one-time
 * password-reset links, personal API tokens and the first-run setup code. Secrets are
 * kept only as hashes (a reset link's and a token's SHA-256; a password's scrypt).
 */
export interface ResetLinkRecord {
  /** SHA-256 (hex) of the link's token. */
  tokenHash: string;
  personId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiTokenRecord {
  id: string;
  personId: string;
  name: string;
  /** SHA-256 (hex) of the token. */
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AccountStore {
  passwordHash(personId: string): Promise<string | null>;
  setPasswordHash(personId: string, hash: string, at: Date): Promise<void>;
  addResetLink(link: ResetLinkRecord): Promise<void>;
  /** Uses the link up, whether or not it is still in date, and gives it back if it existed. */
  takeResetLink(tokenHash: string): Promise<ResetLinkRecord | null>;
  addApiToken(token: ApiTokenRecord): Promise<void>;
  apiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  /** A person's tokens, newest first. */
  apiTokensOf(personId: string): Promise<ApiTokenRecord[]>;
  /** Revokes one of the person's own tokens; false if they have no such token, or it was revoked already. */
  revokeApiToken(personId: string, tokenId: string, at: Date): Promise<boolean>;
  markApiTokenUsed(tokenId: string, at: Date): Promise<void>;
  /** Replaces any setup code there was with this one (its SHA-256). */
  setSetupCode(codeHash: string): Promise<void>;
  /** True, and the code is gone, only for the code set; any other answer leaves it. */
  takeSetupCode(codeHash: string): Promise<boolean>;
  hasSetupCode(): Promise<boolean>;
  /** The people who have turned the daily digest e-mail off (everyone else gets it). */
  digestOptOuts(): Promise<Set<string>>;
  setDigestWanted(personId: string, wanted: boolean): Promise<void>;
  close(): Promise<void>;
}
