import type { PolicyRules } from '#domain';
import { START, type Clock, type EventStore, type Position } from '#event-store';
import type { ReadModelGenerations, ReadModelStore } from '../read-model.port';
import { CASE_CATEGORY, CaseProjector } from './case-projector';
import { ProjectionRunner } from './projection-runner';

export interface ProjectionStatus {
  /** The three read models are fed by one runner, so they always agree with each other. */
  name: string;
  generation: number;
  checkpoint: number | null;
  lagEvents: number;
  lagSeconds: number;
  rebuilding: boolean;
  rebuildProgress: { handled: number; of: number } | null;
  failed: string | null;
}

export const READ_MODEL_NAMES = ['case-queue', 'monthly-statistics', 'themes'] as const;

/**
 * A rebuild keeps this many cases in memory (a few tens of MB) and checkpoints this often.
 * Cases are active for a few weeks, so 10,000 cases hold nearly all of them: of 100,000
 * cases, fewer than 10% are written twice. Batches of 2,000 events keep less alive across
 * each young-generation GC than 5,000 did; measured, the two run alike (±5%) but this
 * uses about 100 MB less.
 */
const REBUILD_WRITE_BEHIND = { maxCases: 10_000, flushEveryEvents: 100_000 };
const REBUILD_BATCH_SIZE = 2000;

/** Lag is counted up to this many events; beyond it the figure says "at least". */
const LAG_COUNT_LIMIT = 10_000;

export class RebuildInProgressError extends Error {
  constructor() {
    super('A rebuild is already running.');
    this.name = 'RebuildInProgressError';
  }
}

/**
 * The read side: the live runner over the current generation, and rebuilds — a new
 * generation replayed from the first event while the current one keeps serving, swapped
 * in once it has caught up.
 */
export class CaseProjections {
  private live: ProjectionRunner | null = null;
  private rebuild: {
    runner: ProjectionRunner;
    handled: number;
    of: number;
    done: Promise<void>;
  } | null = null;
  private readonly projector: CaseProjector;

  constructor(
    private readonly events: EventStore,
    private readonly generations: ReadModelGenerations,
    rules: PolicyRules,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.projector = new CaseProjector(rules);
  }

  async start(): Promise<void> {
    this.live = new ProjectionRunner(
      this.events,
      await this.generations.current(),
      this.projector,
      {
        onError: this.onError,
      },
    );
    await this.live.start();
  }

  /** The generation queries read. */
  store(): ReadModelStore {
    if (!this.live) throw new Error('CaseProjections.start() has not been called');
    return this.live.target;
  }

  runner(): ProjectionRunner {
    if (!this.live) throw new Error('CaseProjections.start() has not been called');
    return this.live;
  }

  /** Waits until the read models include the event at `commit`; false after `timeoutMs`. */
  reached(commit: bigint, timeoutMs: number): Promise<boolean> {
    return this.runner().reached(commit, timeoutMs);
  }

  /**
   * Starts a rebuild and returns at once; `done` settles when the new generation is
   * serving. Refused while another rebuild runs.
   */
  async startRebuild(
    onProgress: (handled: number, of: number) => void = () => {},
  ): Promise<{ generation: number; of: number; done: Promise<void> }> {
    if (this.rebuild) throw new RebuildInProgressError();
    const of = await this.eventsToReplay();
    const target = await this.generations.create();
    const runner = new ProjectionRunner(this.events, target, this.projector, {
      batchSize: REBUILD_BATCH_SIZE,
      writeBehind: REBUILD_WRITE_BEHIND,
      onError: this.onError,
    });
    const state = { runner, handled: 0, of, done: Promise.resolve() };
    this.rebuild = state;
    runner.onHandled((_, events) => {
      state.handled += events;
      onProgress(state.handled, state.of);
    });
    state.done = (async () => {
      try {
        await runner.start();
        await runner.whenCaughtUp();
        await target.readyToServe();
        const previous = this.live;
        this.live = runner;
        await this.generations.promote(target);
        await previous?.stop();
        await previous?.target.drop();
      } catch (error) {
        await runner.stop();
        await target.drop();
        throw error;
      } finally {
        this.rebuild = null;
      }
    })();
    return { generation: target.generation, of, done: state.done };
  }

  async status(): Promise<ProjectionStatus[]> {
    const runner = this.runner();
    const checkpoint = runner.position;
    const behind = await this.events.readAll({
      after: checkpoint ?? START,
      category: CASE_CATEGORY,
      maxCount: LAG_COUNT_LIMIT,
    });
    const lagSeconds =
      behind.length === 0
        ? 0
        : Math.max(0, (this.clock().getTime() - Date.parse(behind[0].recordedAt)) / 1000);
    const failure = runner.error;
    return READ_MODEL_NAMES.map((name) => ({
      name,
      generation: runner.target.generation,
      checkpoint: checkpoint === null ? null : Number(checkpoint.commit),
      lagEvents: behind.length,
      lagSeconds: Math.round(lagSeconds * 10) / 10,
      rebuilding: this.rebuild !== null,
      rebuildProgress: this.rebuild && { handled: this.rebuild.handled, of: this.rebuild.of },
      failed: failure ? String(failure) : null,
    }));
  }

  /**
   * How many case events there are: as many as the current generation has handled (its
   * checkpoint says), and those after its checkpoint, counted one by one — few unless it
   * is far behind. Reading every event to count them would cost as much as half the rebuild.
   */
  private async eventsToReplay(): Promise<number> {
    const current =
      this.live?.checkpoint ?? (await (await this.generations.current()).checkpoint());
    return (current?.events ?? 0) + (await this.countAfter(current?.position ?? START));
  }

  private async countAfter(position: Position): Promise<number> {
    let count = 0;
    let after = position;
    for (;;) {
      const batch = await this.events.readAll({ after, category: CASE_CATEGORY, maxCount: 10_000 });
      if (batch.length === 0) return count;
      count += batch.length;
      after = batch[batch.length - 1].position;
    }
  }

  async stop(): Promise<void> {
    await this.rebuild?.runner.stop();
    await this.live?.stop();
    await this.generations.close();
  }
}
