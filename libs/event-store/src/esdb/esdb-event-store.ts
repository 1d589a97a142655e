import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import {
  revisionMatches,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../event-envelope';
import { ConcurrencyError, StreamNotFoundError } from '../event-store.errors';
import {
  countByReading,
  systemClock,
  type Clock,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import { hashEvent, verifyChain, type ChainVerification } from '../hash-chain';
import { comparePositions, START, type Position } from '../position';
import {
  categoryFilter,
  fromEsdbPosition,
  fromResolvedEvent,
  inCategory,
  isPassingDrop,
  toEsdbPosition,
  toEventData,
  translateError,
} from './esdb-mapping';
import { boundedRead, READ_DEADLINE_MS, readDeadlineOf, type ReadDeadline } from './bounded-read';
import {
  ResubscribingSubscription,
  type Backoff,
  type DropListener,
  type LiveFeed,
} from './resubscribing.subscription';

/** The part of the client the adapter uses; a fake stands in for it in unit tests. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'setStreamMetadata' | 'dispose'
>;

export interface EsdbEventStoreOptions {
  connectionString: string;
  /** Defaults to a client for the connection string. */
  client?: EsdbClient;
  clock?: Clock;
  backoff?: Backoff;
  /** Each read's deadline; defaults to READ_DEADLINE_MS. */
  readDeadline?: ReadDeadline;
  /** Told of each dropped subscription, and whether it will be resubscribed (else it stops). */
  onSubscriptionDrop?: DropListener;
}

/** How far back a refused append looks for its own events, to recognise a retry. */
const RETRY_WINDOW = 100;
/** Appends with a loose expectation re-read and retry this often when racing for the chain's tip. */
const TIP_RACE_ATTEMPTS = 20;
/** `$all` is read in pages of this many events at most, so no read runs on unbounded. */
const ALL_PAGE = 500;

/** Told each event of a scan of `$all`, with its position; false ends the scan. */
type AllVisitor = (position: Position, event: RecordedEvent | null) => boolean;

/** The distributed event store: EventStoreDB through `@eventstore/db-client`. */
export class EsdbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly clock: Clock;
  private readonly readDeadline: ReadDeadline;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = options.client ?? EventStoreDBClient.connectionString(options.connectionString);
    this.clock = options.clock ?? systemClock;
    this.readDeadline = options.readDeadline ?? readDeadlineOf(READ_DEADLINE_MS);
  }

  /**
   * The hash chain needs the previous event's hash, so the adapter reads the stream's tip
   * and appends at exactly that revision. A caller that expected any revision (or just an
   * existing stream) has the read-and-append retried when another writer moves the tip.
   */
  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const loose = expected === 'any' || expected === 'stream-exists';
    // A loose expectation always matches, so a retry of an append that landed must be caught first.
    if (loose) {
      const retried = await this.earlierAppend(stream, events);
      if (retried) return retried;
    }
    for (let attempt = 1; ; attempt += 1) {
      const tip = await this.tip(stream);
      const actual = tip ? tip.revision : 'no-stream';
      if (!revisionMatches(expected, actual)) {
        const retried = await this.earlierAppend(stream, events);
        if (retried) return retried;
        throw new ConcurrencyError(stream, expected, actual);
      }
      if (events.length === 0) {
        if (!tip) throw new StreamNotFoundError(stream);
        return { nextRevision: tip.revision, position: tip.position };
      }
      try {
        return await this.appendAt(stream, events, tip);
      } catch (error) {
        if (error instanceof ConcurrencyError && loose && attempt < TIP_RACE_ATTEMPTS) continue;
        if (error instanceof ConcurrencyError) {
          const retried = await this.earlierAppend(stream, events);
          if (retried) return retried;
          throw new ConcurrencyError(stream, expected, error.actual);
        }
        throw error;
      }
    }
  }

  private async appendAt(
    stream: string,
    events: readonly NewEvent[],
    tip: RecordedEvent | null,
  ): Promise<AppendResult> {
    const recordedAt = this.clock().toISOString();
    let prevHash = tip?.hash ?? null;
    let revision = tip ? tip.revision : -1;
    const data = events.map((event) => {
      revision += 1;
      const hash = hashEvent({
        ...event,
        stream,
        revision,
        recordedAt,
        prevHash,
        actor: event.metadata.actor,
      });
      const item = toEventData(event, { recordedAt, prevHash, hash });
      prevHash = hash;
      return item;
    });
    const expectedRevision = tip ? BigInt(tip.revision) : NO_STREAM;
    try {
      const result = await this.client.appendToStream(stream, data, { expectedRevision });
      return {
        nextRevision: Number(result.nextExpectedRevision),
        position: result.position ? fromEsdbPosition(result.position) : START,
      };
    } catch (error) {
      throw translateError(error, stream, tip ? tip.revision : 'no-stream');
    }
  }

  private async tip(stream: string): Promise<RecordedEvent | null> {
    try {
      const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
      return last ?? null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }

  /** The same event ids already in the stream, in order: a retry of an append that succeeded. */
  private async earlierAppend(
    stream: string,
    events: readonly NewEvent[],
  ): Promise<AppendResult | null> {
    if (events.length === 0) return null;
    let recent: RecordedEvent[];
    try {
      recent = (
        await this.readStream(stream, { direction: 'backwards', maxCount: RETRY_WINDOW })
      ).reverse();
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    const start = recent.findIndex((e) => e.id === events[0].id);
    if (start === -1) return null;
    const stored = recent.slice(start, start + events.length);
    if (stored.length !== events.length || stored.some((e, i) => e.id !== events[i].id))
      return null;
    const last = stored[stored.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(
    stream: string,
    { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision:
          fromRevision !== undefined
            ? BigInt(fromRevision)
            : direction === 'forwards'
              ? ESDB_START
              : END,
        ...(maxCount !== undefined ? { maxCount } : {}),
      });
      let received = 0;
      for await (const resolved of boundedRead(read, this.readDeadline())) {
        received += 1;
        const event = fromResolvedEvent(resolved);
        if (event) events.push(event);
      }
      // A stream whose every event is truncated (or scavenged) reads as empty, not as missing.
      if (received === 0 && fromRevision === undefined) throw new StreamNotFoundError(stream);
    } catch (error) {
      throw translateError(error, stream);
    }
    return events;
  }

  /** `$all` has no server-side filter for reads in this client, so a category is filtered here. */
  async readAll({ after = START, maxCount = 1000, category }: ReadAllOptions = {}): Promise<
    RecordedEvent[]
  > {
    const events: RecordedEvent[] = [];
    let from = after;
    const visit: AllVisitor = (position, event) => {
      from = position;
      if (event && inCategory(event.stream, category)) events.push(event);
      return events.length < maxCount;
    };
    while (events.length < maxCount) {
      if ((await this.scanAll(from, FORWARDS, visit)) === 0) break;
    }
    return events;
  }

  /**
   * Up to a page of `$all` beyond `from` (either way), each event given to `visit` with its
   * position until it answers false; the number of events visited. The server includes the
   * event at `from`; it is left out.
   */
  private async scanAll(
    from: Position | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    visit: AllVisitor,
  ): Promise<number> {
    let visited = 0;
    const read = this.client.readAll({
      direction,
      fromPosition: from === END ? END : toEsdbPosition(from),
      maxCount: ALL_PAGE + 1,
    });
    try {
      for await (const resolved of boundedRead(read, this.readDeadline())) {
        const all = resolved as AllStreamResolvedEvent;
        if (!all.event) continue;
        const position = fromEsdbPosition(all.event.position);
        if (from !== END && comparePositions(position, from) === 0) continue;
        visited += 1;
        if (!visit(position, fromResolvedEvent(all)) || visited === ALL_PAGE) break;
      }
    } catch (error) {
      throw translateError(error, '$all');
    }
    return visited;
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new ResubscribingSubscription(
      (after) => this.liveFeed(after, options.category),
      options,
      this.options.backoff,
      this.options.onSubscriptionDrop,
      isPassingDrop,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  private liveFeed(after: Position, category?: string): LiveFeed {
    const subscription = this.client.subscribeToAll({
      fromPosition: toEsdbPosition(after),
      filter: categoryFilter(category),
    });
    return {
      onCaughtUp: (listener) => void subscription.on('caughtUp', listener),
      unsubscribe: () => subscription.unsubscribe(),
      async *[Symbol.asyncIterator]() {
        try {
          for await (const resolved of subscription) yield fromResolvedEvent(resolved);
        } catch (error) {
          throw translateError(error, '$all');
        }
      },
    };
  }

  /** The newest event of ours (in `category`), looking back through `$all` a page at a time. */
  async headPosition(category?: string): Promise<Position | null> {
    let head: Position | null = null;
    let from: Position | typeof END = END;
    const visit: AllVisitor = (position, event) => {
      from = position;
      if (event && inCategory(event.stream, category)) head = position;
      return head === null;
    };
    while (head === null) {
      if ((await this.scanAll(from, BACKWARDS, visit)) === 0) break;
    }
    return head;
  }

  /** EventStoreDB has no count: the events are read (and parsed) to be counted. */
  countAfter(after: Position, category: string, limit?: number): Promise<number> {
    return countByReading(this, after, category, limit);
  }

  async verify(stream: string): Promise<ChainVerification> {
    return verifyChain(await this.readStream(stream));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  /** For the contract suite: the raw client, to write an event the adapter would not. */
  get rawClient(): EsdbClient {
    return this.client;
  }
}
