import { EventEmitter } from 'node:events';
import {
  START,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '#event-store';
import type { CaseRecord, StoredCase } from '../case-record';
import type { Checkpoint, ReadModelStore } from '../read-model.port';
import { CASE_CATEGORY } from '#domain';
import { CaseProjector } from './case-projector';

export interface RunnerOptions {
  batchSize?: number;
  /**
   * While catching up (a rebuild, or a first start on a full store), keep up to `maxCases`
   * records in memory and write them every `flushEveryEvents` events, rather than every
   * batch: a case's events cluster in time, so most are written once instead of once per
   * event. Records written early are safe (a replay below a stored revision changes
   * nothing); the checkpoint only moves when every record before it is written.
   */
  writeBehind?: { maxCases: number; flushEveryEvents: number };
  /** Called before every write: throws when this process may no longer write (fencing). */
  fence?(): void;
  /** Starting again after a failure that passes (a store unreachable for a while). */
  restart?: RestartPolicy;
  /** The runner stopped on an error that will not pass: it is dead until restarted. */
  onError?(error: unknown): void;
}

export interface RestartPolicy {
  /** Whether the failure may pass by itself: then the runner starts again from its checkpoint. */
  isTransient(error: unknown): boolean;
  backoff?: RestartBackoff;
  /** Told before each wait: the failure, and the how-manieth restart in a row. */
  onRestart?(error: unknown, attempt: number, delayMs: number): void;
}

export interface RestartBackoff {
  /** How long to wait before the nth restart in a row (1, 2, …). */
  delayMs(attempt: number): number;
  wait(ms: number): Promise<void>;
}

/** From 1 s, doubling, to a minute: a store coming back is found soon, a long outage is not hammered. */
export const restartBackoff: RestartBackoff = {
  delayMs: (attempt) => Math.min(60_000, 1_000 * 2 ** Math.min(attempt - 1, 6)),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

/**
 * The projection daemon (Marten's async daemon): feeds one generation of the read models
 * from the event store's catch-up subscription, starting after the checkpoint the store
 * holds. Each batch is projected and saved with its checkpoint before the next is read.
 * A failure that passes (as `restart` judges) starts it again from the checkpoint after a
 * back-off; any other stops it, kept in `error` for the status to report.
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  private handled: Checkpoint | null = null;
  private started: Checkpoint | null = null;
  private caughtUp = false;
  private failure: unknown = null;
  private stopping = false;
  /** Restarts since a batch was last saved; and a way to cut the wait short on stop. */
  private restarts = 0;
  private wakeFromBackoff: (() => void) | null = null;
  private restarting: Promise<void> | null = null;
  private readonly progress = new EventEmitter();
  /** Write-behind while catching up: cases by id, oldest-touched first, completed when written. */
  private readonly cache = new Map<string, StoredCase>();
  private readonly dirty = new Set<string>();
  /** Events projected into the cache but not yet written, and the checkpoint they reach. */
  private unflushed: { events: number; checkpoint: Checkpoint } | null = null;
  /** Batches and flushes run one at a time, in order. */
  private work: Promise<void> = Promise.resolve();

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
    this.started = this.handled;
    this.subscription = this.events.subscribe({
      after: this.handled?.position,
      category: CASE_CATEGORY,
      batchSize: this.options.batchSize ?? 1000,
      handle: (batch) => this.serially(() => this.handle(batch)),
      onCaughtUp: () => {
        void this.serially(async () => {
          await this.flush();
          this.caughtUp = true; // from now on every batch is written as it comes
          this.cache.clear();
          this.progress.emit('caught-up');
        }).catch((error: unknown) => this.fail(error));
      },
      onError: (error) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    if (this.stopping) return;
    const restart = this.options.restart;
    if (restart?.isTransient(error)) {
      // A batch and the flush at catching up may both fail: one restart covers both.
      if (this.restarting) return;
      const restarting = this.restart(restart, error);
      this.restarting = restarting;
      void restarting.finally(() => {
        if (this.restarting === restarting) this.restarting = null;
      });
      return;
    }
    this.failure = error;
    this.progress.emit('failed', error);
    this.options.onError?.(error);
  }

  /** Drops what was not saved and subscribes again after the stored checkpoint. */
  private async restart(policy: RestartPolicy, error: unknown): Promise<void> {
    const backoff = policy.backoff ?? restartBackoff;
    this.restarts += 1;
    const delay = backoff.delayMs(this.restarts);
    policy.onRestart?.(error, this.restarts, delay);
    await this.subscription?.stop();
    this.subscription = null;
    await Promise.race([
      backoff.wait(delay),
      new Promise<void>((resolve) => (this.wakeFromBackoff = resolve)),
    ]);
    this.wakeFromBackoff = null;
    if (this.stopping) return;
    this.cache.clear();
    this.dirty.clear();
    this.unflushed = null;
    await this.work;
    try {
      await this.start();
    } catch (failure) {
      this.restarting = null;
      this.fail(failure);
    }
  }

  private serially(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task);
    this.work = next.catch(() => {});
    return next;
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const reached = this.unflushed?.checkpoint ?? this.handled;
    const checkpoint: Checkpoint = {
      position: batch[batch.length - 1].position,
      events: (reached?.events ?? 0) + batch.length,
    };
    const writeBehind = this.caughtUp ? undefined : this.options.writeBehind;
    const ids = CaseProjector.caseIds(batch);
    const stored: Map<string, StoredCase> = await this.target.load(
      writeBehind ? ids.filter((id) => !this.cache.has(id)) : ids,
    );
    if (writeBehind)
      for (const id of ids) if (this.cache.has(id)) stored.set(id, this.cache.get(id)!);
    if (!writeBehind) {
      const records = this.projector.project(batch, stored);
      this.options.fence?.();
      await this.target.save(records, checkpoint);
      this.advance(checkpoint, batch.length);
      return;
    }
    for (const next of this.projector.advance(batch, stored)) {
      this.cache.delete(next.caseId); // re-inserted last: most recently touched
      this.cache.set(next.caseId, next);
      this.dirty.add(next.caseId);
    }
    this.unflushed = { events: (this.unflushed?.events ?? 0) + batch.length, checkpoint };
    await this.evict(writeBehind.maxCases);
    if (this.unflushed.events >= writeBehind.flushEveryEvents) await this.flush();
  }

  /** Writes the least recently touched records out of memory, leaving the checkpoint where it is. */
  private async evict(maxCases: number): Promise<void> {
    let excess = this.cache.size - maxCases;
    if (excess <= 0) return;
    const evicted: CaseRecord[] = [];
    // A Map iterates in insertion order, and a touched record is re-inserted: oldest first.
    for (const [id, next] of this.cache) {
      if (excess-- <= 0) break;
      this.cache.delete(id);
      if (this.dirty.delete(id)) evicted.push(this.projector.complete(next));
    }
    if (evicted.length === 0) return;
    this.options.fence?.();
    await this.target.save(evicted, this.handled ?? { position: START, events: 0 });
  }

  /** Writes every record changed since the last flush, with the checkpoint they reach. */
  private async flush(): Promise<void> {
    if (!this.unflushed) return;
    const records = [...this.dirty].map((id) => this.projector.complete(this.cache.get(id)!));
    const { events, checkpoint } = this.unflushed;
    this.options.fence?.();
    await this.target.save(records, checkpoint);
    this.dirty.clear();
    this.unflushed = null;
    this.advance(checkpoint, events);
  }

  private advance(checkpoint: Checkpoint, events: number): void {
    this.handled = checkpoint;
    this.restarts = 0;
    this.progress.emit('handled', checkpoint.position, events);
  }

  /** The position of the last event saved, or null before the first. */
  get position(): Position | null {
    return this.handled?.position ?? null;
  }

  /** The last event saved and how many events that makes, or null before the first. */
  get checkpoint(): Checkpoint | null {
    return this.handled;
  }

  /** The checkpoint the runner started from: where a restart (or a crash) resumed. */
  get startedFrom(): Checkpoint | null {
    return this.started;
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
    const done = () => this.handled !== null && this.handled.position.commit >= commit;
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
    this.stopping = true;
    this.wakeFromBackoff?.();
    await this.restarting;
    await this.subscription?.stop();
    this.subscription = null;
  }
}
