/**
 * A console session as the server keeps it. The browser holds only a random token; the
 * store holds its SHA-256 (`id`), so a copied store lets nobody in. A visitor who has not
 * signed in has a session too (no person), which carries the token every form must return.
 */
export interface SessionRecord {
  id: string;
  personId: string | null;
  /** The anti-forgery token the session's forms carry. */
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  find(id: string): Promise<SessionRecord | undefined>;
  /** Records that the session was used. */
  touch(id: string, at: Date): Promise<void>;
  remove(id: string): Promise<void>;
  /** Ends every session of a person (deactivated, or signed out everywhere); how many there were. */
  removeForPerson(personId: string): Promise<number>;
  /** Forgets sessions unused since `idleBefore` or begun before `startedBefore`; how many. */
  removeExpired(idleBefore: Date, startedBefore: Date): Promise<number>;
  close(): Promise<void>;
}
