import { LRUCache } from 'lru-cache';
import type { CaseKey } from './case-key-store.port';

type PresentKey = Extract<CaseKey, { state: 'present' }>;
type ErasedKey = Extract<CaseKey, { state: 'erased' }>;

/**
 * Erasures remembered apart from the keys: however many keys are read meanwhile (a rebuild),
 * a recent erasure is not pushed out, so a lookup or an append still on its way from before
 * it finds it. The key store keeps every erasure; this is how far back memory must reach.
 */
const ERASURES_IN_MEMORY = 10_000;

/**
 * The keys of the cases read most recently, unwrapped: a rebuild reads every event, and
 * unwrapping a key for each would cost more than decrypting the event. A missing key is not
 * kept (it may be made a moment later by another replica).
 */
export class CaseKeyCache {
  private readonly keys: LRUCache<string, PresentKey>;
  private readonly erasures = new LRUCache<string, ErasedKey>({ max: ERASURES_IN_MEMORY });

  constructor(capacity: number) {
    this.keys = new LRUCache({ max: capacity });
  }

  get(caseId: string): CaseKey | undefined {
    return this.erasures.get(caseId) ?? this.keys.get(caseId);
  }

  /**
   * Keeps what is now known of the case's key, and gives back what is kept. An erasure is
   * final: a key read before it (a lookup still on its way when the case was erased) is
   * not kept over it.
   */
  set(caseId: string, key: CaseKey): CaseKey {
    const erased = this.erasures.peek(caseId);
    if (erased) return erased;
    if (key.state === 'erased') {
      this.erasures.set(caseId, key);
      this.keys.delete(caseId);
    } else if (key.state === 'present') this.keys.set(caseId, key);
    return key;
  }
}
