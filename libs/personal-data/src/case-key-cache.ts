import { LRUCache } from 'lru-cache';
import type { CaseKey } from './case-key-store.port';

type PresentKey = Extract<CaseKey, { state: 'present' }>;
type ErasedKey = Extract<CaseKey, { state: 'erased' }>;

/**
 * Case keys kept unwrapped in memory (a few hundred bytes each): a year of cases at a large
 * provider, so a rebuild or a busy day unwraps each key once. Measured: with 10,000 the
 * bench's 20,000-case rebuild unwrapped keys again and again and ran at 0.76 of plain; with
 * 100,000, 0.87.
 */
const KEYS_IN_MEMORY = 50_000;

/**
 * Erasures remembered apart from the keys, the oldest let go first: however many keys are
 * read meanwhile (a rebuild), a recent erasure stays. The key store keeps every erasure.
 */
const ERASURES_IN_MEMORY = 10_000;

/**
 * The keys of the cases read most recently, unwrapped: a rebuild reads every event, and
 * unwrapping a key for each would cost more than decrypting the event. A missing key is not
 * kept (it may be made a moment later by another replica).
 *
 * A lookup that awaits the key store takes an `erasureMark` first and, once back, asks
 * `remembersErasuresSince(mark)`: if more erasures came meanwhile than memory keeps, the
 * case it looked up may have been erased and forgotten again, and it must ask once more.
 */
export class CaseKeyCache {
  private readonly keys: LRUCache<string, PresentKey>;
  /** Read with `peek` only: oldest first out, so the erasures since a mark are the newest. */
  private readonly erasures: LRUCache<string, ErasedKey>;
  private erasuresKept = 0;

  constructor(
    capacity = KEYS_IN_MEMORY,
    private readonly erasureCapacity = ERASURES_IN_MEMORY,
  ) {
    this.keys = new LRUCache({ max: capacity });
    this.erasures = new LRUCache({ max: erasureCapacity });
  }

  get(caseId: string): CaseKey | undefined {
    return this.erasures.peek(caseId) ?? this.keys.get(caseId);
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
      this.erasuresKept += 1;
      this.keys.delete(caseId);
    } else if (key.state === 'present') this.keys.set(caseId, key);
    return key;
  }

  /** Where the erasures stand now: for `remembersErasuresSince` after an await. */
  erasureMark(): number {
    return this.erasuresKept;
  }

  /** Whether every erasure kept since the mark is still in memory. */
  remembersErasuresSince(mark: number): boolean {
    return this.erasuresKept - mark < this.erasureCapacity;
  }
}
