import type { Case, CaseKind, CaseStatus, CaseVisibility, Formality } from '#domain';
import type { IndexedWork } from './queue-row';
import type { Position } from '#event-store';
import type { CaseRecord, StoredCase } from './case-record';
import type { CaseSummary } from './case-summary';
import type { PersonKey } from './person-keys';

export const QUEUE_SORTS = ['dueBy', '-dueBy', 'receivedAt', '-receivedAt'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Where the previous page ended: the sort value and id of its last row. */
export interface QueueCursor {
  after: string;
  id: string;
}

/** `GET /cases`: its filters, the caller's visibility, and the time "overdue" is judged at. */
export interface QueueQuery {
  kind?: CaseKind;
  stage?: number;
  /** Default: every status but closed. */
  status?: CaseStatus[];
  ownerId?: string;
  unassigned?: boolean;
  overdue?: boolean;
  dueBefore?: string;
  /** Next deadline at or after this instant (with `dueBefore`: due soon, not yet overdue). */
  dueFrom?: string;
  category?: string;
  q?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Data protection: cases whose retention ends by this instant (closed, not erased, not held). */
  retentionDueBy?: string;
  /** Data protection: only cases under a legal hold. */
  underLegalHold?: boolean;
  /** The cases a report figure counts: a fact whose metric is `metric` or under it, in one of `months`. */
  figure?: FigureFilter;
  sort: QueueSort;
  limit: number;
  cursor?: QueueCursor;
  now: string;
  visibility: CaseVisibility;
}

/** `acknowledgements.stage-1` matches `acknowledgements.stage-1.on-time`, `….late` and so on. */
export interface FigureFilter {
  metric: string;
  months: string[];
}

export interface QueuePage {
  items: CaseSummary[];
  next: QueueCursor | null;
}

/** Open cases in all: what the worklist's tabs count. */
export type OpenCaseTotals = Pick<OpenCaseCounts, 'total' | 'overdue' | 'dueSoon' | 'unassigned'>;

export interface OpenCaseCounts {
  byKind: Record<string, number>;
  byStage: Record<string, number>;
  byStatus: Record<string, number>;
  overdue: number;
  dueSoon: number;
  unassigned: number;
  total: number;
}

/** Report facts over some months: totals per metric, and the values of `working-days.*` metrics. */
export interface FactTotals {
  totals: Record<string, number>;
  durations: Record<string, number[]>;
}

export interface FactFilter {
  kind?: CaseKind;
  formality?: Formality;
  /** Only metrics in these sections (their first part: `responses` for `responses.stage-1.late`). */
  sections?: readonly string[];
}

/** The case queue. */
export interface CaseQueue {
  page(query: QueueQuery): Promise<QueuePage>;
  /** Open cases the caller may see; overdue by `now`, due soon by `dueSoonBy`. */
  openCounts(visibility: CaseVisibility, now: string, dueSoonBy: string): Promise<OpenCaseCounts>;
  /** The same totals without the breakdowns by kind, stage and status: one pass, for the worklist. */
  openTotals(visibility: CaseVisibility, now: string, dueSoonBy: string): Promise<OpenCaseTotals>;
  /**
   * Every case whose complainant or representative is found by `key`, whoever may see it,
   * oldest first: a subject access request's search (its caller checks who asks).
   */
  casesAbout(key: PersonKey): Promise<Case[]>;
}

/** Monthly statistics: report facts totalled over months. */
export interface MonthlyStatistics {
  facts(months: readonly string[], filter?: FactFilter): Promise<FactTotals>;
  /** The same, month by month, in one read: months with no facts have empty totals. */
  factsByMonth(months: readonly string[], filter?: FactFilter): Promise<Map<string, FactTotals>>;
}

/** Themes: cases per category per month. */
export interface Themes {
  themes(
    months: readonly string[],
  ): Promise<Array<{ month: string; category: string; count: number }>>;
}

/** A case a scheduled job has work on, and from when. */
export interface DueWork {
  caseId: string;
  dueAt: string;
}

/**
 * The jobs' deadline index (see docs/architecture.md): which cases may have work, so a sweep
 * reads no others; and which cases' e-mails the outbox holds, so the outbox reads no others.
 */
export interface ScheduledWorkIndex {
  /**
   * Cases with work for `job` due at or before `now`, soonest first (for the outbox: oldest
   * e-mail first), after `after` (the last one of the previous page). Candidates only: the
   * job re-checks each against its stream.
   */
  dueWork(
    job: IndexedWork,
    now: string,
    page: { limit: number; after?: DueWork },
  ): Promise<DueWork[]>;
}

/**
 * How far a generation has got: the last event handled, and how many events that makes
 * from the first — so a rebuild learns how many events it has to replay without reading them.
 */
export interface Checkpoint {
  position: Position;
  events: number;
}

/** A checkpoint as both stores keep it: positions as decimal strings (no unsigned 64-bit type). */
export interface StoredCheckpoint {
  commit: string;
  prepare: string;
  events: number;
}

export const storedCheckpoint = ({ position, events }: Checkpoint): StoredCheckpoint => ({
  commit: position.commit.toString(),
  prepare: position.prepare.toString(),
  events,
});

export const checkpointFrom = ({ commit, prepare, events }: StoredCheckpoint): Checkpoint => ({
  position: { commit: BigInt(commit), prepare: BigInt(prepare) },
  events,
});

/** What the projection runner writes through. */
export interface ReadModelWriter {
  load(caseIds: readonly string[]): Promise<Map<string, StoredCase>>;
  /** Stores the records and moves the checkpoint — atomically where the store can. */
  save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void>;
  checkpoint(): Promise<Checkpoint | null>;
}

/** One generation of the read models: written by one runner, read by queries. */
export interface ReadModelStore
  extends ReadModelWriter, CaseQueue, MonthlyStatistics, Themes, ScheduledWorkIndex {
  readonly generation: number;
  /** A rebuilt generation has caught up: make it fit to serve queries (indexes, durability). */
  readyToServe(): Promise<void>;
  close(): Promise<void>;
  /** Deletes this generation for good (after a rebuilt one replaced it). */
  drop(): Promise<void>;
}

/**
 * A rebuild asked for by a process that does not run the projections (an API replica),
 * for the one that does (the worker), and how far it has got.
 */
export interface RebuildRequest {
  requestedBy: string;
  requestedAt: string;
  progress: { generation: number; handled: number; of: number } | null;
}

/** Opens generations of the read models, and remembers which one queries use. */
export interface ReadModelGenerations {
  /** The generation queries use now (another process may have promoted a new one). */
  current(): Promise<ReadModelStore>;
  /** A new, empty generation to rebuild into. */
  create(): Promise<ReadModelStore>;
  /** Makes `store` the generation queries use from now on. */
  promote(store: ReadModelStore): Promise<void>;
  /** Records a request for a rebuild, unless one is pending already. */
  requestRebuild(requestedBy: string, requestedAt: string): Promise<RebuildRequest>;
  rebuildRequest(): Promise<RebuildRequest | null>;
  /** The rebuild's progress, or null once it is over (which withdraws the request). */
  reportRebuild(progress: RebuildRequest['progress'] | null): Promise<void>;
  /**
   * Where processes that follow (API replicas) learn of it: the projections stopped on a
   * failure that will not pass, or (null) run again. Stores with no followers leave it out.
   */
  reportFailure?(failure: string | null): Promise<void>;
  failure?(): Promise<string | null>;
  /**
   * The event store the read models were made from: its first case event's id (null: none
   * yet). Stores with one event store for good (embedded) leave it out.
   */
  storeOrigin?(): Promise<string | null>;
  recordStoreOrigin?(origin: string | null): Promise<void>;
  /** Whether the store's failure passes by itself, so the projections start again from their checkpoint. */
  isTransient?(error: unknown): boolean;
  close(): Promise<void>;
}

/**
 * A process that only reads the read models found them missing or in another version:
 * the process that writes them has not created or migrated them yet.
 */
export class ReadModelsNotReadyError extends Error {
  constructor(detail: string) {
    super(`The queues and reports are not ready yet (${detail}); try again shortly.`);
    this.name = 'ReadModelsNotReadyError';
  }
}
