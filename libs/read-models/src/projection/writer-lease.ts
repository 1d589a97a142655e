import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobLeases, Lease } from '#scheduling';

/** The lease's name among the job leases: one writer of the read models at a time. */
export const READ_MODEL_WRITER_LEASE = 'read-model-writer';
/** A writer holds the lease this long, renewed at a third of it. */
export const WRITER_LEASE_TERM_MS = 30_000;

/** This process's name as a lease holder: the host, the process, and a run of its own. */
export const thisProcess = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** This process no longer holds the right to write the read models: another one writes them. */
export class WriterLeaseLostError extends Error {
  constructor() {
    super('The read-model writer lease was lost: another process writes the read models');
    this.name = 'WriterLeaseLostError';
  }
}

type Timers = Pick<typeof globalThis, 'setInterval' | 'clearInterval'>;

/**
 * The right to write the read models, for one process of several (workers scaled out, a
 * rolling deploy overlapping, a rebuild from the command line): taken before projecting,
 * renewed while it runs, and — fencing, as the jobs' leases — checked before every write,
 * so a process whose lease ran out or was taken writes nothing more.
 */
export class WriterLease {
  private lease: Lease | null = null;
  /** Until when, on this process's monotonic time, the term last granted runs. */
  private heldUntil = 0;
  private lost = false;
  private keeper: ReturnType<typeof setInterval> | null = null;
  private waiting: ReturnType<typeof setInterval> | null = null;
  private renewing: Promise<unknown> = Promise.resolve();
  private readonly termMs: number;
  private readonly timers: Timers;
  private readonly elapsed: () => number;

  /**
   * `elapsed`: milliseconds on a clock that only moves forward (default `performance.now`):
   * the term is timed from when it was granted, whatever the wall clock does meanwhile.
   */
  constructor(
    private readonly leases: JobLeases,
    readonly holder: string,
    options: { termMs?: number; timers?: Timers; elapsed?: () => number } = {},
  ) {
    this.termMs = options.termMs ?? WRITER_LEASE_TERM_MS;
    this.timers = options.timers ?? globalThis;
    this.elapsed = options.elapsed ?? (() => performance.now());
  }

  /** Takes the lease if it is free (or already this holder's), and keeps renewing it. */
  async take(): Promise<boolean> {
    const asked = this.elapsed();
    const lease = await this.leases.acquire(READ_MODEL_WRITER_LEASE, this.holder, this.termMs);
    if (!lease) return false;
    this.lease = lease;
    this.heldUntil = asked + this.termMs;
    this.lost = false;
    this.keeper ??= this.every(this.termMs / 3, () => {
      this.renewing = this.renew();
    });
    return true;
  }

  /** Calls `taken` once this process holds the lease, trying again at a third of a term. */
  whenTaken(taken: () => void): void {
    this.waiting ??= this.every(this.termMs / 3, () => {
      void this.take().then(
        (held) => {
          if (!held || !this.waiting) return;
          this.timers.clearInterval(this.waiting);
          this.waiting = null;
          taken();
        },
        () => {}, // the lease store is unreachable: try again at the next tick
      );
    });
  }

  private async renew(): Promise<void> {
    if (!this.lease) return;
    try {
      const asked = this.elapsed();
      const renewed = await this.leases.renew(this.lease, this.termMs);
      if (renewed) {
        this.lease = renewed;
        this.heldUntil = asked + this.termMs;
      } else this.lost = true;
    } catch {
      // Unrenewed, the term runs out: `assertHeld` stops the writes when it does.
    }
  }

  /** Fencing: throws once the lease is lost or its term has ended. */
  assertHeld(): void {
    if (!this.lease || this.lost || this.elapsed() >= this.heldUntil)
      throw new WriterLeaseLostError();
  }

  /** Frees the lease for the next writer at once, and stops waiting for it. */
  async release(): Promise<void> {
    for (const timer of [this.keeper, this.waiting]) if (timer) this.timers.clearInterval(timer);
    this.keeper = null;
    this.waiting = null;
    await this.renewing;
    const lease = this.lease;
    this.lease = null;
    if (lease) await this.leases.release(lease).catch(() => {});
  }

  private every(ms: number, tick: () => void): ReturnType<typeof setInterval> {
    const timer = this.timers.setInterval(tick, ms);
    (timer as { unref?: () => void }).unref?.();
    return timer;
  }
}
