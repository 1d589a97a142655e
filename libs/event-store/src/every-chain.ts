import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from './event-envelope';
import type { EventStore } from './event-store.port';
import {
  hashEvent,
  hashedTextOf,
  hashHolds,
  linksTo,
  sha256Hex,
  type HashedTexts,
} from './hash-chain';
import type { Position } from './position';

/** A stream whose chain does not hold, from this revision on. */
export interface BrokenChain {
  stream: string;
  brokenAtRevision: number;
}

export interface EveryChainVerification {
  streams: number;
  events: number;
  /** In the order the store first found each one broken. */
  broken: BrokenChain[];
  /** Why the check ended before the last event, or null when it read them all. */
  stoppedEarly: string | null;
}

/** An event as a store keeps it, its JSON values as the text stored: checked without parsing. */
export interface StoredEventText {
  position: number;
  stream: string;
  revision: number;
  type: string;
  /** The data as stored, or null when it is not valid JSON. */
  data: string | null;
  metadataValid: boolean;
  /** The actor's JSON within the stored metadata, or null when it has none. */
  actor: string | null;
  occurredAt: string;
  recordedAt: string;
  prevHash: string | null;
  hash: string;
}

/** A store that gives its events as stored text (the embedded one), so they need not be parsed. */
export interface StoredTextReader {
  /** Events (of a category) after this position, in position order, at most `maxCount`. */
  readStoredTexts(after: number, maxCount: number, category?: string): StoredEventText[];
}

/**
 * Whether a stored event hashes as it did when recorded. Its stored text is hashed as it is
 * (stored canonical, it is the very text that was hashed): the same hash over JSON each
 * value of which the store found valid proves the event unchanged. Otherwise — stored before
 * data was kept canonical, say — it is parsed and hashed as any read hashes it.
 */
function storedHashHolds(stored: StoredEventText): boolean {
  if (stored.data === null || !stored.metadataValid) return false;
  if (stored.actor !== null && sha256Hex(hashedTextOf(stored as HashedTexts)) === stored.hash)
    return true;
  const actor = stored.actor === null ? undefined : JSON.parse(stored.actor);
  return stored.hash === hashEvent({ ...stored, data: JSON.parse(stored.data), actor });
}

/** The last link of a stream read so far, or `BROKEN` once its chain has failed. */
const BROKEN = null;
type Link = { revision: number; hash: string } | typeof BROKEN;

/**
 * Every stream's chain, checked one event at a time in the store's global order: each event
 * of a stream comes after the one before it, so only each stream's last link is kept, and
 * the whole store is read once rather than stream by stream.
 */
export class ChainsInOrder {
  private readonly last = new Map<string, Link>();
  private events = 0;
  private readonly broken: BrokenChain[] = [];

  add(event: RecordedEvent): void {
    this.follow(event, () => hashHolds(event));
  }

  addStored(stored: StoredEventText): void {
    this.follow(stored, () => storedHashHolds(stored));
  }

  private follow(
    event: Pick<RecordedEvent, 'stream' | 'revision' | 'prevHash' | 'hash'>,
    hashed: () => boolean,
  ): void {
    this.events += 1;
    const previous = this.last.get(event.stream);
    if (previous === BROKEN) return;
    if (linksTo(event.revision, event.prevHash, previous ?? null) && hashed()) {
      this.last.set(event.stream, { revision: event.revision, hash: event.hash });
      return;
    }
    this.last.set(event.stream, BROKEN);
    // A stream whose earlier events are missing breaks at the first revision it does have.
    this.broken.push({ stream: event.stream, brokenAtRevision: event.revision });
  }

  result(stoppedEarly: string | null = null): EveryChainVerification {
    return { streams: this.last.size, events: this.events, broken: [...this.broken], stoppedEarly };
  }
}

export interface EveryChainOptions {
  /** Only streams of this category (`clfcase`). */
  category?: string;
  /** Events read at a time. */
  batchSize?: number;
  /** Asked between batches: a reason to stop ends the check early, with what it has checked. */
  stopsBecause?: () => string | null;
  /**
   * Shown each event's data as it is read (its stored JSON text where the store gives it,
   * else the parsed data), for another check made in the same single pass.
   */
  observe?: (stream: string, data: unknown) => void;
}

const BATCH_SIZE = 5_000;

/**
 * Recomputes the hash chain of every stream (of a category), reading the store once in
 * position order. Between batches it gives way to the event loop: the embedded store
 * answers synchronously, and requests must not wait for an audit of a million events.
 */
export async function verifyEveryChain(
  store: Pick<EventStore, 'readAll'> | StoredTextReader,
  {
    category,
    batchSize = BATCH_SIZE,
    stopsBecause = () => null,
    observe = () => {},
  }: EveryChainOptions = {},
): Promise<EveryChainVerification> {
  const chains = new ChainsInOrder();
  const next = batchesOf(store, chains, category, observe);
  for (;;) {
    if ((await next(batchSize)) < batchSize) return chains.result();
    await nextTurn();
    const reason = stopsBecause();
    if (reason !== null) return chains.result(reason);
  }
}

/** Reads the next batch into the chains, and says how many events it read. */
type NextBatch = (maxCount: number) => Promise<number>;

function batchesOf(
  store: Pick<EventStore, 'readAll'> | StoredTextReader,
  chains: ChainsInOrder,
  category: string | undefined,
  observe: (stream: string, data: unknown) => void,
): NextBatch {
  if ('readStoredTexts' in store) {
    let after = -1;
    return async (maxCount) => {
      const batch = store.readStoredTexts(after, maxCount, category);
      for (const stored of batch) {
        chains.addStored(stored);
        observe(stored.stream, stored.data);
      }
      after = batch.at(-1)?.position ?? after;
      return batch.length;
    };
  }
  let after: Position | undefined;
  return async (maxCount) => {
    const batch = await store.readAll({ after, category, maxCount });
    for (const event of batch) {
      chains.add(event);
      observe(event.stream, event.data);
    }
    after = batch.at(-1)?.position ?? after;
    return batch.length;
  };
}
