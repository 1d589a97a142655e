import type { RecordedEvent } from '../event-envelope';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { START, type Position } from '../position';

/** One live server subscription: events in order, a caught-up signal, and a way to cancel it. */
export interface LiveFeed extends AsyncIterable<RecordedEvent | null> {
  onCaughtUp(listener: () => void): void;
  unsubscribe(): Promise<void>;
}

export interface Backoff {
  /** How long to wait before resubscribing after the nth consecutive drop (1, 2, …). */
  delayMs(attempt: number): number;
  wait(ms: number): Promise<void>;
}

export const exponentialBackoff: Backoff = {
  delayMs: (attempt) => Math.min(30_000, 100 * 2 ** Math.min(attempt - 1, 9)),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const IDLE = Symbol('idle');
/** Settles after whatever is ready to run now: what a feed has received arrives before it. */
const idle = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/** The server ended a subscription that should run until stopped: a drop like any other. */
export class FeedEndedError extends Error {
  constructor() {
    super('The subscription ended');
    this.name = 'FeedEndedError';
  }
}

/** Told of each drop: the error, the how-manieth in a row, and whether it will resubscribe. */
export type DropListener = (error: unknown, attempt: number, retrying: boolean) => void;

/**
 * The EventStoreDB client does not resubscribe when a subscription drops, so this does:
 * from the last position handled, after a back-off that grows with each consecutive drop
 * and resets once an event arrives. A drop that resubscribing cannot mend (as `isPassing`
 * judges) stops it and is reported like a failing handler, which is not a drop: it stops.
 */
export class ResubscribingSubscription implements Subscription {
  private cursor: Position;
  private stopped = false;
  private feed: LiveFeed | null = null;
  private wakeFromBackoff: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly open: (after: Position) => LiveFeed,
    private readonly options: SubscribeOptions,
    private readonly backoff: Backoff = exponentialBackoff,
    private readonly onDrop: DropListener = () => {},
    private readonly isPassing: (error: unknown) => boolean = () => true,
  ) {
    this.cursor = options.after ?? START;
    this.done = this.run();
  }

  get position(): Position {
    return this.cursor;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeFromBackoff?.();
    await this.feed?.unsubscribe();
    await this.done;
  }

  private async run(): Promise<void> {
    let drops = 0;
    let caughtUp = false;
    while (!this.stopped) {
      try {
        const feed = this.open(this.cursor);
        this.feed = feed;
        const batch: RecordedEvent[] = [];
        let caughtUpWaiting = false;
        const sayCaughtUp = () => {
          caughtUpWaiting = false;
          if (caughtUp) return;
          caughtUp = true;
          this.options.onCaughtUp?.();
        };
        // Events already received are handed on first: caught up means after them.
        feed.onCaughtUp(() => (batch.length === 0 ? sayCaughtUp() : (caughtUpWaiting = true)));
        const deliverBatch = async () => {
          await this.deliver(batch.splice(0));
          if (caughtUpWaiting) sayCaughtUp();
        };
        const events = feed[Symbol.asyncIterator]();
        for (;;) {
          const next = events.next();
          // Gather what has arrived already, up to a batch; hand it on when nothing more has.
          const arrived = batch.length === 0 ? await next : await Promise.race([next, idle()]);
          if (arrived === IDLE) {
            await deliverBatch();
            const late = await next;
            if (late.done) break;
            if (late.value) batch.push(late.value);
          } else if (arrived.done) break;
          else if (arrived.value) batch.push(arrived.value);
          drops = 0;
          if (this.stopped) break;
          if (batch.length >= this.batchSize) await deliverBatch();
        }
        if (batch.length > 0 && !this.stopped) await deliverBatch();
        if (this.stopped) return;
        throw new FeedEndedError();
      } catch (error) {
        if (error instanceof HandlerFailure) {
          this.stopped = true;
          await this.feed?.unsubscribe();
          this.options.onError?.(error.error);
          return;
        }
        if (this.stopped) return;
        drops += 1;
        const retrying = this.isPassing(error);
        this.onDrop(error, drops, retrying);
        if (!retrying) {
          this.stopped = true;
          await this.feed?.unsubscribe();
          this.options.onError?.(error);
          return;
        }
        await this.pause(this.backoff.delayMs(drops));
      }
    }
  }

  private async deliver(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.options.handle(events);
    } catch (error) {
      throw new HandlerFailure(error);
    }
    this.cursor = events[events.length - 1].position;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 1;
  }

  private async pause(ms: number): Promise<void> {
    await Promise.race([
      this.backoff.wait(ms),
      new Promise<void>((resolve) => (this.wakeFromBackoff = resolve)),
    ]);
    this.wakeFromBackoff = null;
  }
}
