import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from './event-envelope';
import type { EventStore } from './event-store.port';
import { holdsInChain } from './hash-chain';
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
    this.events += 1;
    const previous = this.last.get(event.stream);
    if (previous === BROKEN) return;
    if (holdsInChain(event, previous ?? null)) {
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
}

const BATCH_SIZE = 5_000;

/**
 * Recomputes the hash chain of every stream (of a category), reading the store once in
 * position order. Between batches it gives way to the event loop: the embedded store
 * answers synchronously, and requests must not wait for an audit of a million events.
 */
export async function verifyEveryChain(
  store: Pick<EventStore, 'readAll'>,
  { category, batchSize = BATCH_SIZE, stopsBecause = () => null }: EveryChainOptions = {},
): Promise<EveryChainVerification> {
  const chains = new ChainsInOrder();
  let after: Position | undefined;
  for (;;) {
    const batch = await store.readAll({ after, category, maxCount: batchSize });
    for (const event of batch) chains.add(event);
    if (batch.length < batchSize) return chains.result();
    after = batch[batch.length - 1].position;
    await nextTurn();
    const reason = stopsBecause();
    if (reason !== null) return chains.result(reason);
  }
}
