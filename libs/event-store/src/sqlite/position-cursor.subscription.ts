import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '../event-envelope';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { START, type Position } from '../position';

export interface CursorSource {
  /** Events after the position, in order; synchronous so nothing can commit in between it and `nextAppend`. */
  read(after: Position, maxCount: number): RecordedEvent[];
  /** Resolves at the next append in this process, or after the timeout. */
  nextAppend(timeoutMs: number): { promise: Promise<void>; cancel(): void };
}

/**
 * Catch-up and live are one loop over one cursor: read what is after the last position
 * handled; when nothing is, wait for the next append. Because the cursor is the only
 * state, the hand-over from catching up to live can neither skip nor repeat an event.
 */
export class PositionCursorSubscription implements Subscription {
  private cursor: Position;
  private stopped = false;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: CursorSource,
    private readonly options: SubscribeOptions,
    private readonly pollMs: number,
    onStopped: () => void,
  ) {
    this.cursor = options.after ?? START;
    this.done = this.run().finally(onStopped);
  }

  get position(): Position {
    return this.cursor;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let caughtUp = false;
    try {
      while (!this.stopped) {
        const batch = this.source.read(this.cursor, batchSize);
        if (batch.length > 0) {
          await this.options.handle(batch);
          this.cursor = batch[batch.length - 1].position;
          // Reads and most handlers are synchronous: without a turn of the event loop between
          // batches, a long catch-up (a rebuild) would hold up every request until it ended.
          await nextTurn();
          continue;
        }
        if (!caughtUp) {
          caughtUp = true;
          this.options.onCaughtUp?.();
        }
        const next = this.source.nextAppend(this.pollMs);
        this.wake = next.cancel;
        await next.promise;
        this.wake = null;
      }
    } catch (error) {
      this.stopped = true;
      this.options.onError?.(error);
    }
  }
}
