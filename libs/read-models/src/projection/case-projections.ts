import { CASE_CATEGORY, type PolicyRules } from '#domain';
import { START, type Clock, type EventStore } from '#event-store';
import type { ReadModelGenerations, ReadModelStore } from '../read-model.port';
import { CaseProjector } from './case-projector';
import { ProjectionRunner, type RestartPolicy, type RunnerOptions } from './projection-runner';
import { WriterLeaseLostError, type WriterLease } from './writer-lease';
import {
  lagBehind,
  type StatusOptions,
  READ_MODEL_NAMES,
  type ProjectionStatus,
  type RebuildAnswer,
  type ReadSide,
} from './read-side';

/**
 * A rebuild keeps this many cases in memory (a few tens of MB) and checkpoints this often.
 * Cases are active for a few weeks, so 10,000 cases hold nearly all of them: of 100,000
 * cases, fewer than 10% are written twice. Batches of 2,000 events keep less alive across
 * each young-generation GC than 5,000 did; measured, the two run alike (±5%) but this
 * uses about 100 MB less.
 */
const REBUILD_WRITE_BEHIND = { maxCases: 10_000, flushEveryEvents: 100_000 };
const REBUILD_BATCH_SIZE = 2000;

/** How often the process running projections looks for rebuilds other processes asked for. */
const REQUEST_POLL_MS = 2_000;
/** How long a replaced generation is kept for replicas still reading it. */
const RETIRED_GRACE_MS = 30_000;

export class RebuildInProgressError extends Error {
  constructor() {
    super('A rebuild is already running.');
    this.name = 'RebuildInProgressError';
  }
}

/**
 * The read side, run in this process: the live runner over the current generation, and
 * rebuilds — a new generation replayed from the first event while the current one keeps
 * serving, swapped in once it has caught up. Rebuilds asked for by processes that follow
 * (API replicas) are picked up from the generations' request.
 */
export class CaseProjections implements ReadSide {
  private requestPoll: NodeJS.Timeout | null = null;
  private rebuildStarting = false;
  /** Generations replaced by a rebuild, dropped once followers have had time to move on. */
  private readonly retired = new Map<ReadModelStore, NodeJS.Timeout>();
  private live: ProjectionRunner | null = null;
  /** The first build of read models that were never made, until it is swapped in. */
  private initialBuild: Promise<void> | null = null;
  /** Why that build failed, while the read models catch up live in its place. */
  private buildFailure: unknown = null;
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
    private readonly options: CaseProjectionsOptions = {},
  ) {
    this.projector = new CaseProjector(rules);
  }

  /** A runner for `target`, starting again after failures the read-model store says pass. */
  private runnerFor(target: ReadModelStore, options: RunnerOptions = {}): ProjectionRunner {
    const runner: ProjectionRunner = new ProjectionRunner(this.events, target, this.projector, {
      ...options,
      fence: () => this.options.writerLease?.assertHeld(),
      restart: {
        ...this.options.restart,
        isTransient: (error) => this.generations.isTransient?.(error) ?? false,
      },
      onError: (error) => this.stopped(runner, error),
    });
    return runner;
  }

  /** A runner stopped for good: said here, and, for the live one, to the processes that follow. */
  private stopped(runner: ProjectionRunner, error: unknown): void {
    if (error instanceof WriterLeaseLostError) {
      if (runner === this.live) void this.yieldWriting(runner).catch(this.onError);
      return;
    }
    this.onError(error);
    if (runner === this.live)
      void this.generations.reportFailure?.(String(error)).catch(this.onError);
  }

  async start(): Promise<void> {
    this.live = this.runnerFor(await this.generations.current());
    const lease = this.options.writerLease;
    if (lease && !(await lease.take())) return this.standBy();
    await this.write();
  }

  /** Another process writes the read models: serve what it writes, and take over once it lets go. */
  private standBy(): void {
    this.options.writerLease?.whenTaken(() => void this.takeOver().catch(this.onError));
  }

  private async takeOver(): Promise<void> {
    this.live = this.runnerFor(await this.generations.current());
    await this.write();
  }

  /** The lease was lost (taken by another writer while this one stalled): stop writing. */
  private async yieldWriting(runner: ProjectionRunner): Promise<void> {
    if (this.requestPoll) clearInterval(this.requestPoll);
    this.requestPoll = null;
    await runner.stop();
    this.live = this.runnerFor(runner.target);
    this.onError(new WriterLeaseLostError());
    this.standBy();
  }

  /** Projects into the current generation, building it first if it was never made. */
  private async write(): Promise<void> {
    // A failure an earlier run reported is this run's to find again, or not.
    await this.generations.reportFailure?.(null);
    if (await this.madeFromAnotherStore()) {
      // Its checkpoint means nothing here; kept, it would skip every event up to it.
      const stale = this.live!.target;
      const fresh = await this.generations.create();
      await this.generations.promote(fresh);
      this.live = this.runnerFor(fresh);
      this.retire(stale);
    }
    const current = this.live!.target;
    if ((await current.checkpoint()) === null && (await this.events.headPosition(CASE_CATEGORY))) {
      // Read models never made on a store that has events (a first start on existing data,
      // or read models made under another policy): build them the way a rebuild does —
      // several times faster than catching up live — while the empty ones serve.
      const build = await this.startRebuild();
      this.initialBuild = build.done.then(
        () => {
          this.initialBuild = null;
        },
        async (error: unknown) => {
          // Said in the status until the read models have caught up the slow way instead.
          this.buildFailure = error;
          this.onError(error);
          await this.live!.start();
          this.initialBuild = null;
          void this.live!.whenCaughtUp().then(
            () => (this.buildFailure = null),
            () => {},
          );
        },
      );
    } else await this.live!.start();
    this.requestPoll = setInterval(() => void this.takeRequest(), REQUEST_POLL_MS);
    this.requestPoll.unref();
  }

  /**
   * Whether the read models were made from another event store's history (a volume reset,
   * an older backup restored): the store's first case event is not the one recorded. The
   * first one seen is recorded, for the next start to compare.
   */
  private async madeFromAnotherStore(): Promise<boolean> {
    const { storeOrigin, recordStoreOrigin } = this.generations;
    if (!storeOrigin || !recordStoreOrigin) return false;
    const [first] = await this.events.readAll({ category: CASE_CATEGORY, maxCount: 1 });
    const origin = first?.id ?? null;
    const recorded = await storeOrigin.call(this.generations);
    if (recorded !== origin) await recordStoreOrigin.call(this.generations, origin);
    return recorded !== null && recorded !== origin;
  }

  /** Read models never made are being built, while empty ones serve. */
  get isBuilding(): boolean {
    return this.initialBuild !== null;
  }

  /** Resolves once the read models include everything stored when it was called (or when `start` began building them). */
  async whenCaughtUp(): Promise<void> {
    await this.initialBuild;
    await this.runner().whenCaughtUp();
  }

  /** API replicas look for a promoted generation every second: give them ample time. */
  private retire(store: ReadModelStore, graceMs = RETIRED_GRACE_MS): void {
    const timer = setTimeout(() => void this.dropRetired(store), graceMs);
    timer.unref();
    this.retired.set(store, timer);
  }

  private async dropRetired(store: ReadModelStore): Promise<void> {
    clearTimeout(this.retired.get(store));
    this.retired.delete(store);
    await store.drop().catch(this.onError);
  }

  /** A rebuild another process asked for: run it here, reporting its progress to them. */
  private async takeRequest(): Promise<void> {
    if (this.rebuild || this.rebuildStarting) return;
    try {
      const request = await this.generations.rebuildRequest();
      if (!request) return;
      let reported = 0;
      const started = await this.startRebuild((handled, of) => {
        if (handled - reported < 10_000 && handled < of) return;
        reported = handled;
        void this.generations.reportRebuild({ generation: started.generation, handled, of });
      });
      await started.done.finally(() => this.generations.reportRebuild(null));
    } catch (error) {
      this.onError(error);
    }
  }

  async requestRebuild(): Promise<RebuildAnswer> {
    const started = await this.startRebuild();
    started.done.catch(this.onError);
    return { status: 'rebuilding', generation: started.generation, events: started.of };
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
    const build = this.initialBuild;
    if (!build) return this.runner().reached(commit, timeoutMs);
    // Being built: nothing is in the generation queries read until the build is swapped in.
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      void build
        .then(() => this.runner().reached(commit, timeoutMs))
        .then((reached) => {
          clearTimeout(timer);
          resolve(reached);
        });
    });
  }

  /**
   * Starts a rebuild and returns at once; `done` settles when the new generation is
   * serving. Refused while another rebuild runs.
   */
  async startRebuild(
    onProgress: (handled: number, of: number) => void = () => {},
  ): Promise<{ generation: number; of: number; done: Promise<void> }> {
    // Claimed before the first await: a request seen again meanwhile must not start a second.
    if (this.rebuild || this.rebuildStarting) throw new RebuildInProgressError();
    this.rebuildStarting = true;
    let target: ReadModelStore;
    let of: number;
    try {
      of = await this.eventsToReplay();
      target = await this.generations.create();
    } finally {
      this.rebuildStarting = false;
    }
    const runner = this.runnerFor(target, {
      batchSize: REBUILD_BATCH_SIZE,
      writeBehind: REBUILD_WRITE_BEHIND,
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
        if (previous) this.retire(previous.target);
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

  async status({ countLagUpTo }: StatusOptions = {}): Promise<ProjectionStatus[]> {
    const runner = this.runner();
    // Standing by, the runner has read nothing: the generation says how far its writer got.
    const checkpoint = runner.position ?? (await runner.target.checkpoint())?.position ?? null;
    const lag = await lagBehind(this.events, checkpoint, this.clock, countLagUpTo);
    const failure = runner.error ?? this.buildFailure;
    return READ_MODEL_NAMES.map((name) => ({
      name,
      generation: runner.target.generation,
      checkpoint: checkpoint === null ? null : Number(checkpoint.commit),
      ...lag,
      rebuilding: this.rebuild !== null,
      rebuildProgress: this.rebuild && { handled: this.rebuild.handled, of: this.rebuild.of },
      failed: failure ? String(failure) : null,
    }));
  }

  /**
   * How many case events there are: as many as the current generation has handled (its
   * checkpoint says), and those the store counts after its checkpoint (on EventStoreDB,
   * by reading them: few unless the generation is far behind, or was never made).
   */
  private async eventsToReplay(): Promise<number> {
    const current =
      this.live?.checkpoint ?? (await (await this.generations.current()).checkpoint());
    return (
      (current?.events ?? 0) +
      (await this.events.countAfter(current?.position ?? START, CASE_CATEGORY))
    );
  }

  async stop(): Promise<void> {
    if (this.requestPoll) clearInterval(this.requestPoll);
    for (const store of [...this.retired.keys()]) await this.dropRetired(store);
    const unfinished = this.rebuild?.runner;
    if (unfinished) {
      // Stopped before it caught up: its generation was never served and never will be.
      await unfinished.stop();
      await unfinished.target.drop();
    }
    await this.live?.stop();
    await this.options.writerLease?.release();
    await this.generations.close();
  }
}

export interface CaseProjectionsOptions {
  /** How runners start again after failures that pass, and who is told. */
  restart?: Omit<RestartPolicy, 'isTransient'>;
  /** Where several processes may write the read models: only the holder does. */
  writerLease?: WriterLease;
}
