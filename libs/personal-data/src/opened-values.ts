import { LRUCache } from 'lru-cache';

/**
 * Plaintext kept of the sealed values opened lately, in characters (keys and texts): a few
 * hundred busy cases' histories. Measured: a 100-event case read again and again made 99
 * decipher objects a read, each a native handle for the collector, and the reads' p99 tripled.
 */
export const OPENED_TEXT_IN_MEMORY = 4_000_000;

/**
 * The plaintext of sealed values already opened, for streams read again and again (a case
 * page, each command on a case, which reads its stream first). An entry is found only for
 * the same event (stream and id, as the AAD binds them) and the very same sealed bytes; a
 * stream's entries are dropped at once when its case is erased.
 */
export class OpenedValues {
  /** By AAD (short keys: a key as long as the sealed bytes took longer to look up than to compare). */
  private readonly texts: LRUCache<string, Opened>;
  /** The AADs kept of each stream: an erasure drops them without looking through the rest. */
  private readonly byStream = new Map<string, Set<string>>();

  constructor(maxCharacters = OPENED_TEXT_IN_MEMORY) {
    this.texts = new LRUCache({
      maxSize: maxCharacters,
      sizeCalculation: (opened, aad) =>
        aad.length + opened.sealedValues.length + opened.plaintext.length,
      // Let go (pushed out or deleted), not replaced: no longer one of its stream's.
      dispose: (_opened, aad, reason) => {
        if (reason !== 'set') this.unlist(aad);
      },
    });
  }

  get size(): number {
    return this.texts.size;
  }

  /** How many streams have entries listed (each list costs memory of its own). */
  get streamsListed(): number {
    return this.byStream.size;
  }

  /** The plaintext these sealed values opened to, bound to `aad` (`stream/eventId`). */
  get(aad: string, sealedValues: string): string | undefined {
    const opened = this.texts.get(aad);
    return opened?.sealedValues === sealedValues ? opened.plaintext : undefined;
  }

  set(aad: string, sealedValues: string, plaintext: string): void {
    this.texts.set(aad, { sealedValues, plaintext });
    // Not kept (larger than the whole cache), and what it replaced let go as a 'set': unlisted.
    if (!this.texts.has(aad)) {
      this.unlist(aad);
      return;
    }
    const stream = streamOf(aad);
    const listed = this.byStream.get(stream);
    if (listed) listed.add(aad);
    else this.byStream.set(stream, new Set([aad]));
  }

  /** Drops every plaintext kept of the stream's events (its case erased). */
  forgetStream(stream: string): void {
    const listed = this.byStream.get(stream);
    if (!listed) return;
    for (const aad of [...listed]) this.texts.delete(aad);
    this.byStream.delete(stream);
  }

  private unlist(aad: string): void {
    const stream = streamOf(aad);
    const listed = this.byStream.get(stream);
    listed?.delete(aad);
    if (listed?.size === 0) this.byStream.delete(stream);
  }
}

/** The stream of an AAD `stream/eventId` (an event id has no slash). */
const streamOf = (aad: string) => aad.slice(0, aad.lastIndexOf('/'));

interface Opened {
  sealedValues: string;
  plaintext: string;
}
