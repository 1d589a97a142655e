/** What the key store knows of a case's data key. */
export type CaseKey =
  | { state: 'present'; key: Buffer }
  /** Deleted for good by an erasure: the case's personal data cannot be read again. */
  | { state: 'erased'; erasedAt: Date }
  /** Never made, or lost: a fault when the case has personal data and was not erased. */
  | { state: 'missing' };

/**
 * Each case's own data key (AES-256), kept apart from the events and wrapped by the
 * master key. Deleting a key is how a case's personal data is erased from an
 * append-only store ("crypto-shredding").
 */
export interface CaseKeyStore {
  /** The case's key, made and kept the first time it is asked for; an erased case's key is never made again. */
  keyFor(caseId: string): Promise<CaseKey>;
  /** What is known of the case's key, without making one. */
  find(caseId: string): Promise<CaseKey>;
  /** What is known of each of these cases' keys, without making any: a reader opening many cases' events asks once. */
  findAll(caseIds: readonly string[]): Promise<Map<string, CaseKey>>;
  /** Deletes the key for good and remembers when; erasing again changes nothing. */
  erase(caseId: string, at: Date): Promise<void>;
  /** The cases whose keys were erased. */
  erasedCases(): Promise<string[]>;
  /** Those of these cases the store has no key for, present or erased (a fault when they hold sealed data). */
  withoutKey(caseIds: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}
