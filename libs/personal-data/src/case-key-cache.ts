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

  set(caseId: string, key: CaseKey): CaseKey {
    if (key.state !== 'missing') this.keys.set(caseId, key);
    return key;
  }
}
