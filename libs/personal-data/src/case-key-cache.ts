import { LRUCache } from 'lru-cache';
import type { CaseKey } from './case-key-store.port';

type KnownKey = Exclude<CaseKey, { state: 'missing' }>;

/**
 * The keys of the cases read most recently, unwrapped: a rebuild reads every event, and
 * unwrapping a key for each would cost more than decrypting the event. A missing key is not
 * kept (it may be made a moment later by another replica).
 */
export class CaseKeyCache {
  private readonly keys: LRUCache<string, KnownKey>;

  constructor(capacity: number) {
    this.keys = new LRUCache({ max: capacity });
  }

  get(caseId: string): CaseKey | undefined {
    return this.keys.get(caseId);
  }

  /**
   * Keeps what is now known of the case's key, and gives back what is kept. An erasure is
   * final: a key read before it (a lookup still on its way when the case was erased) is
   * not kept over it.
   */
  set(caseId: string, key: CaseKey): CaseKey {
    if (key.state === 'missing') return key;
    const kept = this.keys.peek(caseId);
    if (kept?.state === 'erased') return kept;
    this.keys.set(caseId, key);
    return key;
  }
}
