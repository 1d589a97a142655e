import type { AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from './event-envelope';
import type { ChainVerification } from './hash-chain';
import type { Position } from './position';

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Defaults to the start. */
  after?: Position;
  maxCount?: number;
  /** Only streams of this category (`clfcase`). */
  category?: string;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this checkpoint. Defaults to the start. */
  after?: Position;
  category?: string;
  /** At most this many events per call of `handle`. */
  batchSize?: number;
  /**
   * The event types whose data `handle` reads. Every event is still delivered, in order;
   * those of other types may come with their data as stored (a layer that changes data on
   * the way out, such as the sealing of personal data, then leaves them as they are).
   */
  readsDataOf?: readonly string[];
  /**
   * Called with each batch in order; the next batch waits until it settles. If it
   * throws, the subscription stops and reports the error: restart it from the last
   * checkpoint you stored.
   */
  handle(events: RecordedEvent[]): Promise<void> | void;
  /** Called once, the first time the subscription has delivered everything stored. */
  onCaughtUp?(): void;
  /** The subscription has stopped for good because of this error. */
  onError?(error: unknown): void;
}

export interface Subscription {
  /** The position of the last event handled. */
  readonly position: Position;
  /** Stops after the batch in hand; resolves when stopped. */
  stop(): Promise<void>;
}

/**
 * The event store: append-only streams with optimistic concurrency, one global order,
 * catch-up subscriptions and a hash chain per stream.
 */
export interface EventStore {
  append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Throws StreamNotFoundError for a stream with no events. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up from a checkpoint, then live, with no gap and no repeat between the two. */
  subscribe(options: SubscribeOptions): Subscription;
  /** The position of the newest event (of a category), or null when there is none. */
  headPosition(category?: string): Promise<Position | null>;
  /** How many events of the category come after the position: all of them, or `limit` at most. */
  countAfter(after: Position, category: string, limit?: number): Promise<number>;
  /** Recomputes a stream's hash chain. Throws StreamNotFoundError for a stream with no events. */
  verify(stream: string): Promise<ChainVerification>;
  close(): Promise<void>;
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** `countAfter` for a store that can only count by reading: batch by batch, parsing each event. */
export async function countByReading(
  store: Pick<EventStore, 'readAll'>,
  after: Position,
  category: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  let count = 0;
  for (let from = after; count < limit;) {
    const batch = await store.readAll({
      after: from,
      category,
      maxCount: Math.min(10_000, limit - count),
    });
    if (batch.length === 0) break;
    count += batch.length;
    from = batch[batch.length - 1].position;
  }
  return count;
}
