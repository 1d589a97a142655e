import { EventEmitter } from 'node:events';
import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '#event-store';
import type { ReadModelStore } from '../read-model.port';
import { CASE_CATEGORY, CaseProjector } from './case-projector';

export interface RunnerOptions {
  batchSize?: number;
  /** The subscription stopped on an error: the runner is dead until restarted. */
  onError?(error: unknown): void;
}

/**
 * Feeds one generation of the read models from the event store's catch-up subscription,
 * starting after the checkpoint the store holds. Each batch is projected and saved with
 * its checkpoint before the next is read.
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  private handled: Position | null = null;
  private caughtUp = false;
  private failure: unknown = null;
  private readonly progress = new EventEmitter();

  constructor(
    private readonly events: EventStore,
    readonly target: ReadModelStore,
    private readonly projector: CaseProjector,
    private readonly options: RunnerOptions = {},
  ) {
    this.progress.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.handled = await this.target.checkpoint();
    this.subscription = this.events.subscribe({
      after: this.handled ?? undefined,
      category: CASE_CATEGORY,
      batchSize: this.options.batchSize ?? 1000,
      handle: (batch) => this.handle(batch),
      onCaughtUp: () => {
        this.caughtUp = true;
        this.progress.emit('caught-up');
      },
      onError: (error) => {
        this.failure = error;
        this.progress.emit('failed', error);
        this.options.onError?.(error);
      },
    });
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const stored = await this.target.load(CaseProjector.caseIds(batch));
    const records = this.projector.project(batch, stored);
    const checkpoint = batch[batch.length - 1].position;
    await this.target.save(records, checkpoint);
    this.handled = checkpoint;
    this.progress.emit('handled', checkpoint, batch.length);
  }

  /** The position of the last event saved, or null before the first. */
  get position(): Position | null {
    return this.handled;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  get error(): unknown {
    return this.failure;
  }

  onHandled(listener: (checkpoint: Position, events: number) => void): () => void {
    this.progress.on('handled', listener);
    return () => this.progress.off('handled', listener);
  }

  /** Resolves once everything stored when it started has been handled. */
  whenCaughtUp(): Promise<void> {
    if (this.caughtUp) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.progress.once('caught-up', resolve);
      this.progress.once('failed', reject);
    });
  }

  /** True once the event at `commit` (and all before it) is in the read models; false after `timeoutMs`. */
  reached(
    commit: bigint,
    timeoutMs: number,
    timers = { setTimeout, clearTimeout },
  ): Promise<boolean> {
    const done = () => this.handled !== null && this.handled.commit >= commit;
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = timers.setTimeout(() => {
        off();
        resolve(false);
      }, timeoutMs);
      const off = this.onHandled(() => {
        if (!done()) return;
        timers.clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}

export const isAtOrAfter = (a: Position | null, b: Position) =>
  a !== null && comparePositions(a, b) >= 0;
