import type { Clock, EventStore } from '#event-store';
import {
  ReadModelsNotReadyError,
  type ReadModelGenerations,
  type ReadModelStore,
} from '../read-model.port';
import {
  lagBehind,
  type StatusOptions,
  READ_MODEL_NAMES,
  type ProjectionStatus,
  type RebuildAnswer,
  type ReadSide,
} from './read-side';

export interface FollowingOptions {
  /** How often to look for a generation promoted by the worker. */
  generationPollMs?: number;
  /** How often a caller waiting for a position looks at the checkpoint again. */
  checkpointPollMs?: number;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
}

/**
 * The read side of an API replica in a split deployment: it queries the read models the
 * worker's projections keep, follows the worker's swaps to a rebuilt generation, and leaves
 * rebuilds to the worker by asking for them.
 */
export class FollowingProjections implements ReadSide {
  private current: ReadModelStore | null = null;
  private unready: ReadModelsNotReadyError | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private readonly timers: NonNullable<FollowingOptions['timers']>;

  constructor(
    private readonly events: EventStore,
    private readonly generations: ReadModelGenerations,
    private readonly clock: Clock,
    private readonly options: FollowingOptions = {},
  ) {
    this.timers = options.timers ?? globalThis;
  }

  /** Starts following even before the worker has made the read models: queries wait for them. */
  async start(): Promise<void> {
    await this.follow();
    this.poll = this.timers.setInterval(
      () => void this.follow(),
      this.options.generationPollMs ?? 1_000,
    );
    (this.poll as { unref?: () => void }).unref?.();
  }

  /** Switches to the generation the worker now names, once the worker has made it. */
  private async follow(): Promise<void> {
    try {
      this.current = await this.generations.current();
      this.unready = null;
    } catch (error) {
      // Keep serving the generation in hand; without one, queries say why they cannot.
      this.unready =
        error instanceof ReadModelsNotReadyError
          ? error
          : new ReadModelsNotReadyError(`the read-model store cannot be reached: ${String(error)}`);
    }
  }

  store(): ReadModelStore {
    if (this.unready && !this.current) throw this.unready;
    if (!this.current) throw new ReadModelsNotReadyError('not followed yet');
    return this.current;
  }

  /** Looks at the worker's checkpoint every `checkpointPollMs` until it is there or time is up. */
  async reached(commit: bigint, timeoutMs: number): Promise<boolean> {
    const every = this.options.checkpointPollMs ?? 50;
    for (let waited = 0; ; waited += every) {
      const checkpoint = await this.store().checkpoint();
      if (checkpoint !== null && checkpoint.position.commit >= commit) return true;
      if (waited >= timeoutMs) return false;
      await new Promise((resolve) => this.timers.setTimeout(resolve, every));
    }
  }

  async status({ countLagUpTo }: StatusOptions = {}): Promise<ProjectionStatus[]> {
    const store = this.store();
    const checkpoint = await store.checkpoint();
    const lag = await lagBehind(
      this.events,
      checkpoint?.position ?? null,
      this.clock,
      countLagUpTo,
    );
    const request = await this.generations.rebuildRequest();
    const failed = (await this.generations.failure?.()) ?? null;
    return READ_MODEL_NAMES.map((name) => ({
      name,
      generation: store.generation,
      checkpoint: checkpoint === null ? null : Number(checkpoint.position.commit),
      ...lag,
      rebuilding: request !== null,
      rebuildProgress: request?.progress
        ? { handled: request.progress.handled, of: request.progress.of }
        : null,
      failed,
    }));
  }

  async requestRebuild(requestedBy: string): Promise<RebuildAnswer> {
    const request = await this.generations.requestRebuild(requestedBy, this.clock().toISOString());
    return { status: 'requested', requestedAt: request.requestedAt };
  }

  async stop(): Promise<void> {
    if (this.poll) this.timers.clearInterval(this.poll);
    await this.generations.close();
  }
}
