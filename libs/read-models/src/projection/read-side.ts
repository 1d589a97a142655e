import type { Clock, EventStore, Position } from '#event-store';
import { START } from '#event-store';
import type { ReadModelStore } from '../read-model.port';
import { CASE_CATEGORY } from '#domain';

export const READ_MODEL_NAMES = ['case-queue', 'monthly-statistics', 'themes'] as const;

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

/** What a rebuild request answers: started here, or asked of the process running projections. */
export type RebuildAnswer =
  | { status: 'rebuilding'; generation: number; events: number }
  | { status: 'requested'; requestedAt: string };

/**
 * The read models as the API uses them — the current generation to query, how far it has
 * got, and rebuilds — whether this process runs the projections or follows a worker's.
 */
export interface ReadSide {
  start(): Promise<void>;
  /** The generation queries read. */
  store(): ReadModelStore;
  /** Waits until the read models include the event at `commit`; false after `timeoutMs`. */
  reached(commit: bigint, timeoutMs: number): Promise<boolean>;
  /** Each read model's state; the lag in events is counted up to `countLagUpTo` (default 10,000). */
  status(options?: StatusOptions): Promise<ProjectionStatus[]>;
  requestRebuild(requestedBy: string): Promise<RebuildAnswer>;
  stop(): Promise<void>;
}

/** Lag is counted up to this many events; beyond it the figure says "at least". */
export const LAG_COUNT_LIMIT = 10_000;

/** Counting the lag reads the events behind: a frequent caller (a health probe) counts fewer. */
export interface StatusOptions {
  countLagUpTo?: number;
}

/** How far the read models are behind the event store: events, and the age of the oldest. */
export async function lagBehind(
  events: EventStore,
  checkpoint: Position | null,
  clock: Clock,
  countUpTo = LAG_COUNT_LIMIT,
): Promise<{ lagEvents: number; lagSeconds: number }> {
  const after = checkpoint ?? START;
  const [oldest] = await events.readAll({ after, category: CASE_CATEGORY, maxCount: 1 });
  if (!oldest) return { lagEvents: 0, lagSeconds: 0 };
  const lagEvents = await events.countAfter(after, CASE_CATEGORY, countUpTo);
  const seconds = Math.max(0, (clock().getTime() - Date.parse(oldest.recordedAt)) / 1000);
  return { lagEvents, lagSeconds: Math.round(seconds * 10) / 10 };
}
