import type { CaseKey } from './case-key-store.port';

/**
 * The keys of the cases read most recently, unwrapped: a rebuild reads every event, and
 * unwrapping a key for each would cost more than decrypting the event. A missing key is not
 * kept (it may be made a moment later by another replica).
 */
export class CaseKeyCache {
  private readonly keys = new Map<string, CaseKey>();

  constructor(private readonly capacity: number) {}

  get(caseId: string): CaseKey | undefined {
    const key = this.keys.get(caseId);
    if (key === undefined) return undefined;
    // Most recently used last: the first is the one to drop.
    this.keys.delete(caseId);
    this.keys.set(caseId, key);
    return key;
  }

  set(caseId: string, key: CaseKey): CaseKey {
    if (key.state === 'missing') return key;
    this.keys.delete(caseId);
    this.keys.set(caseId, key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.keys().next().value!);
    return key;
  }
}
