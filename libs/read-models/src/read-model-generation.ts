import type { Case, CaseVisibility } from '#domain';
import type { IndexedWork } from './queue-row';
import type { CaseRecord, StoredCase } from './case-record';
import type { PersonKey } from './person-keys';
import type {
  CaseQueue,
  Checkpoint,
  DueWork,
  FactFilter,
  FactTotals,
  MonthlyStatistics,
  OpenCaseCounts,
  OpenCaseTotals,
  QueuePage,
  QueueQuery,
  ReadModelStore,
  ReadModelWriter,
  ScheduledWorkIndex,
  Themes,
} from './read-model.port';

/** One class per read model, over one generation's storage, and the writer that fills them. */
export interface ReadModelParts<Writer extends ReadModelWriter = ReadModelWriter> {
  writer: Writer;
  queue: CaseQueue;
  statistics: MonthlyStatistics;
  themes: Themes;
  scheduledWork: ScheduledWorkIndex;
}

/**
 * One generation of the read models, composed of its parts: each method is its part's.
 * An adapter adds how the generation is made ready to serve, closed and dropped.
 */
export abstract class ReadModelGeneration<
  Writer extends ReadModelWriter = ReadModelWriter,
> implements ReadModelStore {
  protected constructor(
    readonly generation: number,
    protected readonly parts: ReadModelParts<Writer>,
  ) {}

  abstract readyToServe(): Promise<void>;
  abstract close(): Promise<void>;
  abstract drop(): Promise<void>;

  load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    return this.parts.writer.load(caseIds);
  }

  save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    return this.parts.writer.save(records, checkpoint);
  }

  checkpoint(): Promise<Checkpoint | null> {
    return this.parts.writer.checkpoint();
  }

  page(query: QueueQuery): Promise<QueuePage> {
    return this.parts.queue.page(query);
  }

  openCounts(visibility: CaseVisibility, now: string, dueSoonBy: string): Promise<OpenCaseCounts> {
    return this.parts.queue.openCounts(visibility, now, dueSoonBy);
  }

  openTotals(visibility: CaseVisibility, now: string, dueSoonBy: string): Promise<OpenCaseTotals> {
    return this.parts.queue.openTotals(visibility, now, dueSoonBy);
  }

  casesAbout(key: PersonKey): Promise<Case[]> {
    return this.parts.queue.casesAbout(key);
  }

  facts(months: readonly string[], filter?: FactFilter): Promise<FactTotals> {
    return this.parts.statistics.facts(months, filter);
  }

  factsByMonth(months: readonly string[], filter?: FactFilter): Promise<Map<string, FactTotals>> {
    return this.parts.statistics.factsByMonth(months, filter);
  }

  themes(months: readonly string[]) {
    return this.parts.themes.themes(months);
  }

  dueWork(
    job: IndexedWork,
    now: string,
    page: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    return this.parts.scheduledWork.dueWork(job, now, page);
  }
}
