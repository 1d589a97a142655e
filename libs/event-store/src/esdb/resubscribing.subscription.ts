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
        this.feed = this.open(this.cursor);
        this.feed.onCaughtUp(() => {
          if (!caughtUp) {
            caughtUp = true;
            this.options.onCaughtUp?.();
          }
        });
        for await (const event of this.feed) {
          if (this.stopped) break;
          drops = 0;
          if (event) await this.deliver(event);
        }
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

  private async deliver(event: RecordedEvent): Promise<void> {
    try {
      await this.options.handle([event]);
    } catch (error) {
      throw new HandlerFailure(error);
    }
    this.cursor = event.position;
  }

  private async pause(ms: number): Promise<void> {
    await Promise.race([
      this.backoff.wait(ms),
      new Promise<void>((resolve) => (this.wakeFromBackoff = resolve)),
    ]);
    this.wakeFromBackoff = null;
  }
}
